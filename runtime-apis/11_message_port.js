// MessageChannel and MessagePort within one realm
// (https://html.spec.whatwg.org/#message-channels).
//
// postMessage() serializes at once (structured clone with transfer) and queues the result
// on the entangled port's port message queue. A queue is disabled until start() or the
// first set of onmessage; an enabled queue holding messages has a task armed (an internal
// 0 ms timer), and each message is delivered in a task of its own, with a microtask
// checkpoint after it. An armed task keeps the isolate from being idle; a disabled queue
// does not. Ports are transferable: a transferred port's queue and entanglement move to
// the new port object, and the old one is detached.

const {
  ArrayPrototypePush,
  ArrayPrototypeShift,
  ObjectFreeze,
  Symbol,
  SymbolIterator,
  TypeError,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const { EventTarget, Event, createMessageEvent, defineEventHandler, dispatchTrusted } = core.require("event");
const structuredCloneModule = core.require("structured_clone");

const illegalConstructorKey = Symbol("MessagePort");

function dataCloneError(message) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, "DataCloneError");
}

let portInternals;

class MessagePort extends EventTarget {
  #entangled = null;
  // Serialized messages ({ serialized, transferred }) waiting for delivery.
  #queue = [];
  #enabled = false;
  #detached = false;
  #shipped = false;
  #taskArmed = false;

  constructor(key = undefined) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
    super();
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #queue in value;
  }

  /** postMessage(message, transfer) and postMessage(message, options). */
  postMessage(message, transferOrOptions = undefined) {
    webidl.assertBranded(this, MessagePort.isInstance);
    const prefix = "Failed to execute 'postMessage' on 'MessagePort'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    const transfer = convertTransferArgument(transferOrOptions, prefix);
    // Message port post message steps.
    const targetPort = this.#entangled;
    for (let i = 0; i < transfer.length; i++) {
      if (transfer[i] === this) throw dataCloneError(`${prefix}: The source port cannot be transferred.`);
    }
    let doomed = false;
    if (targetPort !== null) {
      for (let i = 0; i < transfer.length; i++) {
        // Posting the target port through itself loses the channel.
        if (transfer[i] === targetPort) doomed = true;
      }
    }
    const serialized = structuredCloneModule.serialize(message, transfer, false);
    if (targetPort === null || doomed) return;
    ArrayPrototypePush(targetPort.#queue, serialized);
    targetPort.#armIfNeeded();
  }

  start() {
    webidl.assertBranded(this, MessagePort.isInstance);
    this.#enable();
  }

  close() {
    webidl.assertBranded(this, MessagePort.isInstance);
    this.#detached = true;
    if (this.#entangled !== null) disentangle(this);
  }

  #enable() {
    if (this.#enabled) return;
    this.#enabled = true;
    this.#armIfNeeded();
  }

  #armIfNeeded() {
    if (!this.#enabled || this.#taskArmed || this.#queue.length === 0) return;
    this.#taskArmed = true;
    const port = this;
    core.require("timers").runAfterTimeout(0, () => {
      port.#taskArmed = false;
      port.#deliverOne();
    });
  }

  /** One task of the port message queue: deliver the oldest message. */
  #deliverOne() {
    // A transferred port has an empty queue: its messages moved to the new port object.
    if (!this.#enabled || this.#queue.length === 0) return;
    const serialized = ArrayPrototypeShift(this.#queue);
    // Arm the next task first, so a throwing listener cannot stall the queue.
    this.#armIfNeeded();
    let result;
    try {
      result = structuredCloneModule.deserialize(serialized);
    } catch {
      dispatchTrusted(this, createMessageEvent("messageerror", null, []));
      return;
    }
    const ports = [];
    const transferred = result.transferred;
    for (let i = 0; i < transferred.length; i++) {
      if (MessagePort.isInstance(transferred[i])) ArrayPrototypePush(ports, transferred[i]);
    }
    dispatchTrusted(this, createMessageEvent("message", result.value, ports));
  }

  static {
    portInternals = {
      entangle(a, b) {
        a.#entangled = b;
        b.#entangled = a;
      },
      disentangle(port) {
        const other = port.#entangled;
        port.#entangled = null;
        if (other !== null) other.#entangled = null;
        return other;
      },
      enable(port) {
        port.#enable();
      },
      isDetached(port) {
        return port.#detached;
      },
      /** MessagePort's transfer steps: the data to rebuild it elsewhere; detaches it. */
      transfer(port) {
        port.#shipped = true;
        port.#detached = true;
        const remote = port.#entangled;
        port.#entangled = null;
        if (remote !== null) remote.#shipped = true;
        const queue = port.#queue;
        port.#queue = [];
        return { queue, remote };
      },
      /** MessagePort's transfer-receiving steps. */
      receive(data) {
        const port = new MessagePort(illegalConstructorKey);
        if (data.remote !== null) {
          port.#entangled = data.remote;
          data.remote.#entangled = port;
        }
        // The queue moves, left disabled until start() or onmessage.
        port.#queue = data.queue;
        return port;
      },
    };
  }
}

/** Disentangles `port` from its entangled port and fires `close` at the other one. */
function disentangle(port) {
  const other = portInternals.disentangle(port);
  if (other === null) return;
  // Fired in a task of its own, after messages already queued.
  core.require("timers").runAfterTimeout(0, () => {
    dispatchTrusted(other, new Event("close"));
  });
}

defineEventHandler(MessagePort.prototype, "message", { onFirstSet: (port) => portInternals.enable(port) });
defineEventHandler(MessagePort.prototype, "messageerror");
defineEventHandler(MessagePort.prototype, "close");
webidl.configureInterface(MessagePort);
webidl.setLength(MessagePort.prototype.postMessage, 1);

structuredCloneModule.registerTransferable({
  name: "MessagePort",
  isInstance: MessagePort.isInstance,
  isDetached: (port) => portInternals.isDetached(port),
  transfer: (port) => portInternals.transfer(port),
  receive: (data) => portInternals.receive(data),
});

const convertTransferList = webidl.createSequenceConverter(converters.object);
const convertOptions = webidl.createDictionaryConverter("StructuredSerializeOptions", [
  { key: "transfer", converter: convertTransferList, defaultValue: () => [] },
]);

/** Overload resolution between (sequence<object> transfer) and (StructuredSerializeOptions). */
function convertTransferArgument(value, prefix) {
  if (value !== null && typeof value === "object") {
    const iterator = value[SymbolIterator];
    if (iterator !== undefined && iterator !== null) {
      return convertTransferList(value, prefix, "Argument 2");
    }
  }
  if (typeof value === "function") {
    // A callable is an object: dictionary unless it is iterable.
    const iterator = value[SymbolIterator];
    if (iterator !== undefined && iterator !== null) return convertTransferList(value, prefix, "Argument 2");
  }
  return convertOptions(value, prefix, "Argument 2").transfer;
}

class MessageChannel {
  #port1;
  #port2;

  constructor() {
    this.#port1 = new MessagePort(illegalConstructorKey);
    this.#port2 = new MessagePort(illegalConstructorKey);
    portInternals.entangle(this.#port1, this.#port2);
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #port1 in value;
  }

  get port1() {
    webidl.assertBranded(this, MessageChannel.isInstance);
    return this.#port1;
  }

  get port2() {
    webidl.assertBranded(this, MessageChannel.isInstance);
    return this.#port2;
  }
}
webidl.configureInterface(MessageChannel);

void TypeError;

return ObjectFreeze({ __proto__: null, MessageChannel, MessagePort });
