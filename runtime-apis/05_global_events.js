// Errors at the global scope (https://html.spec.whatwg.org/#runtime-script-errors and
// #unhandled-promise-rejections), as WinterTC asks: the global is an EventTarget firing
// `error` (ErrorEvent) for uncaught exceptions and `unhandledrejection`
// (PromiseRejectionEvent) for rejections left unhandled; a listener that calls
// preventDefault() (or an onerror returning true) keeps the error from being reported.
// Reported errors go to Swift (`ops.reportUncaught`), which prints and records them.

const { ObjectFreeze, globalThis } = core.primordials;
const { ErrorEvent, PromiseRejectionEvent, dispatchTrusted } = core.require("event");

const ops = core.ops;
let reporting = false;

/** HTML "report an exception": fire `error` at the global, then print if not canceled. */
function reportException(error) {
  const { formatError } = core.require("console");
  if (reporting) {
    // An error thrown while reporting another is printed, not re-dispatched.
    ops.reportUncaught("exception", "Uncaught " + formatError(error));
    return;
  }
  reporting = true;
  let notCanceled = true;
  try {
    const isObject = error !== null && (typeof error === "object" || typeof error === "function");
    let message = "";
    let filename = "";
    let lineno = 0;
    let colno = 0;
    if (isObject) {
      try {
        message = core.primordials.ErrorPrototypeToString(error);
        filename = String(error.sourceURL ?? "");
        lineno = Number(error.line ?? 0) || 0;
        colno = Number(error.column ?? 0) || 0;
      } catch {
        // Getters on a thrown object may throw; report what we have.
      }
    } else {
      message = String(error);
    }
    const event = new ErrorEvent("error", {
      cancelable: true,
      message: "Uncaught " + message,
      filename,
      lineno,
      colno,
      error,
    });
    notCanceled = dispatchTrusted(globalThis, event);
  } finally {
    reporting = false;
  }
  if (notCanceled) ops.reportUncaught("exception", "Uncaught " + formatError(error));
}

/** A rejected promise had no handler at the end of a microtask checkpoint. */
function unhandledRejection(promise, reason) {
  const event = new PromiseRejectionEvent("unhandledrejection", { cancelable: true, promise, reason });
  let notCanceled = true;
  try {
    notCanceled = dispatchTrusted(globalThis, event);
  } catch (error) {
    reportException(error);
  }
  if (notCanceled) {
    const { formatError } = core.require("console");
    ops.reportUncaught("rejection", "Uncaught (in promise) " + formatError(reason));
  }
}

/** The global `reportError(e)`. */
function reportError(e) {
  const webidl = core.require("webidl");
  webidl.requiredArguments(arguments.length, 1, "Failed to execute 'reportError' on 'WorkerGlobalScope'");
  reportException(e);
}

return ObjectFreeze({ __proto__: null, reportError, reportException, unhandledRejection });
