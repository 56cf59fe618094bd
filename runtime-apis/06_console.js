// console (https://console.spec.whatwg.org/) and the value inspector behind it.
//
// Output is formatted here and written through `ops.print(level, text)`; Swift sends it to
// stdout/stderr (`verge run`) or to the server log tagged with the segment.
// Objects may customize their rendering with a method under Symbol.for("Verge.inspect")
// (or Node's Symbol.for("nodejs.util.inspect.custom")), called as (inspect, options).

const {
  ArrayIsArray,
  ArrayPrototypeJoin,
  ArrayPrototypePush,
  ArrayBufferIsView,
  BigIntPrototypeToString,
  DatePrototypeGetTime,
  DatePrototypeToISOString,
  ErrorPrototypeToString,
  FunctionPrototypeToString,
  JSONStringify,
  MapPrototypeEntries,
  MapPrototypeGetSize,
  MapPrototypeGet,
  MapPrototypeSet,
  MapPrototypeDelete,
  MapPrototypeHas,
  NumberIsNaN,
  NumberParseFloat,
  NumberParseInt,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetOwnPropertyNames,
  ObjectGetOwnPropertySymbols,
  ObjectGetPrototypeOf,
  ObjectKeys,
  ObjectPrototypeHasOwnProperty,
  ObjectPrototypePropertyIsEnumerable,
  ObjectPrototypeToString,
  ObjectCreate,
  ObjectFreeze,
  RegExpPrototypeToString,
  TypeError,
  SafeMap,
  SetPrototypeGetSize,
  SetPrototypeValues,
  String,
  StringPrototypeIncludes,
  StringPrototypeRepeat,
  StringPrototypeReplace,
  StringPrototypeSplit,
  StringPrototypeSlice,
  StringPrototypePadEnd,
  StringPrototypePadStart,
  StringPrototypeCharCodeAt,
  SymbolFor,
  SymbolPrototypeToString,
  SymbolToStringTag,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetSymbolToStringTag,
  ArrayBufferPrototypeGetByteLength,
  ArrayIteratorPrototypeNext,
  MapPrototypeKeys,
  Uint8Array,
  WeakMap,
  WeakSet,
  Map,
  Set,
  Date,
  RegExp,
  Error,
  Promise,
  ObjectPrototypeIsPrototypeOf,
  MathMax,
  MathRound,
  MathFloor,
  FunctionPrototypeCall,
  NumberPrototypeToString,
  RegExpPrototypeTest,
  StringPrototypeStartsWith,
  StringPrototypeIndexOf,
  ArrayPrototypeSlice,
} = core.primordials;

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const ops = core.ops;
const inspectSymbol = SymbolFor("Verge.inspect");
const nodeInspectSymbol = SymbolFor("nodejs.util.inspect.custom");

const LEVEL = { debug: 0, log: 1, info: 2, warn: 3, error: 4 };

// ---------------------------------------------------------------------------------------
// inspect

const defaultOptions = { depth: 2, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80 };

function isError(value) {
  return ObjectPrototypeIsPrototypeOf(Error.prototype, value) || ObjectPrototypeToString(value) === "[object Error]";
}

function quote(string) {
  // Single quotes, as Node prints strings inside objects.
  let out = "'";
  for (let i = 0; i < string.length; i++) {
    const c = string[i];
    const code = StringPrototypeCharCodeAt(string, i);
    if (c === "'") out += "\\'";
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\t") out += "\\t";
    else if (c === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + StringPrototypePadStart(NumberPrototypeToString(code, 16), 2, "0");
    else out += c;
  }
  return out + "'";
}

function formatKey(key) {
  if (typeof key === "symbol") return "[" + SymbolPrototypeToString(key) + "]";
  if (RegExpPrototypeTest(identifierPattern, key)) return key;
  return quote(key);
}

function formatPrimitive(value, nested) {
  switch (typeof value) {
    case "string": return nested ? quote(value) : value;
    case "number": return ObjectIs(value, -0) ? "-0" : String(value);
    case "bigint": return BigIntPrototypeToString(value) + "n";
    case "boolean": return value ? "true" : "false";
    case "undefined": return "undefined";
    case "symbol": return SymbolPrototypeToString(value);
  }
  return "null";
}

const ObjectIs = core.primordials.ObjectIs;

function functionDescription(fn) {
  let source = "";
  try {
    source = FunctionPrototypeToString(fn);
  } catch {
    // Proxies of functions and the like.
  }
  const name = fn.name;
  if (StringPrototypeStartsWith(source, "class ")) return name ? `[class ${name}]` : "[class (anonymous)]";
  let kind = "Function";
  if (StringPrototypeStartsWith(source, "async function*")) kind = "AsyncGeneratorFunction";
  else if (StringPrototypeStartsWith(source, "async ")) kind = "AsyncFunction";
  else if (StringPrototypeStartsWith(source, "function*")) kind = "GeneratorFunction";
  return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
}

function constructorName(value) {
  let proto = ObjectGetPrototypeOf(value);
  if (proto === null) return null;
  const descriptor = ObjectGetOwnPropertyDescriptor(proto, "constructor");
  if (descriptor && typeof descriptor.value === "function" && descriptor.value.name) return descriptor.value.name;
  return "Object";
}

function formatError(error) {
  if (error === null || (typeof error !== "object" && typeof error !== "function")) {
    return formatValue(error, { ...defaultOptions }, 0, new SafeMap(), false);
  }
  return formatValue(error, { ...defaultOptions }, 0, new SafeMap(), false);
}

function errorText(error) {
  let head;
  try {
    head = ErrorPrototypeToString(error);
  } catch {
    head = "Error";
  }
  let stack = "";
  try {
    stack = typeof error.stack === "string" ? error.stack : "";
  } catch {
    stack = "";
  }
  let text = head;
  if (stack) text += "\n" + formatStack(stack);
  return text;
}

/**
 * JavaScriptCore writes stack frames as "name@url:line:column"; print them the way
 * developers know from V8: "    at name (url:line:column)".
 */
function formatStack(stack) {
  const lines = StringPrototypeSplit(stack, "\n");
  const out = [];
  // Frames inside the runtime (runtime-apis) are noise to users; keep them only when they
  // are all there is.
  let userFrames = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "" && !StringPrototypeIncludes(lines[i], "verge:runtime-apis/")) userFrames++;
  }
  for (let i = 0; i < lines.length; i++) {
    const frame = lines[i];
    if (frame === "") continue;
    if (userFrames > 0 && StringPrototypeIncludes(frame, "verge:runtime-apis/")) continue;
    const at = StringPrototypeIndexOf(frame, "@");
    if (at === -1) {
      ArrayPrototypePush(out, "    at " + frame);
      continue;
    }
    const name = StringPrototypeSlice(frame, 0, at);
    let location = StringPrototypeSlice(frame, at + 1);
    if (location === "[native code]") location = "native";
    if (name === "" || name === "global code") ArrayPrototypePush(out, "    at " + (location || "<anonymous>"));
    else ArrayPrototypePush(out, `    at ${name} (${location || "<anonymous>"})`);
  }
  return ArrayPrototypeJoin(out, "\n");
}

function formatValue(value, options, depth, seen, nested) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    return formatPrimitive(value, nested);
  }

  // Custom inspection.
  let custom;
  try {
    custom = value[inspectSymbol] ?? value[nodeInspectSymbol];
  } catch {
    custom = undefined;
  }
  if (typeof custom === "function") {
    try {
      const inspectFn = (v, opts) => formatValue(v, { ...options, ...opts }, depth + 1, seen, true);
      const result = FunctionPrototypeCall(custom, value, inspectFn, { ...options, depth: options.depth - depth });
      if (typeof result === "string") return result;
      if (result !== value) return formatValue(result, options, depth, seen, nested);
    } catch {
      // Fall back to the generic rendering.
    }
  }

  if (MapPrototypeHas(seen, value)) {
    const entry = MapPrototypeGet(seen, value);
    if (entry.ref === 0) entry.ref = ++options.circularCounter || (options.circularCounter = 1);
    return `[Circular *${entry.ref}]`;
  }

  if (typeof value === "function") {
    const base = functionDescription(value);
    const keys = ObjectKeys(value);
    if (keys.length === 0) return base;
    return formatObjectBody(value, base + " ", keys, options, depth, seen);
  }

  if (isError(value)) return errorText(value);

  if (ArrayIsArray(value)) {
    if (depth > options.depth) return "[Array]";
    return withSeen(value, seen, (entry) => formatArray(value, options, depth, seen, entry));
  }

  const tag = ObjectPrototypeToString(value);
  if (tag === "[object Date]") {
    const time = DatePrototypeGetTime(value);
    return NumberIsNaN(time) ? "Invalid Date" : DatePrototypeToISOString(value);
  }
  if (tag === "[object RegExp]") return RegExpPrototypeToString(value);
  if (ArrayBufferIsView(value) && TypedArrayPrototypeGetSymbolToStringTag(value) !== undefined) {
    const name = TypedArrayPrototypeGetSymbolToStringTag(value);
    const length = TypedArrayPrototypeGetLength(value);
    if (depth > options.depth) return `[${name}]`;
    const items = [];
    const shown = length > options.maxArrayLength ? options.maxArrayLength : length;
    for (let i = 0; i < shown; i++) {
      ArrayPrototypePush(items, formatPrimitive(value[i], true));
    }
    if (length > shown) ArrayPrototypePush(items, `... ${length - shown} more item${length - shown > 1 ? "s" : ""}`);
    return `${name}(${length}) ${wrapList("[", items, "]", options, depth)}`;
  }
  if (tag === "[object ArrayBuffer]") {
    let length = 0;
    try {
      length = ArrayBufferPrototypeGetByteLength(value);
    } catch {
      return "ArrayBuffer { (detached) }";
    }
    const bytes = new Uint8Array(value, 0, length > 50 ? 50 : length);
    let hex = "";
    for (let i = 0; i < bytes.length; i++) hex += (i ? " " : "") + StringPrototypePadStart(NumberPrototypeToString(bytes[i], 16), 2, "0");
    if (length > 50) hex += ` ... ${length - 50} more byte${length - 50 > 1 ? "s" : ""}`;
    return `ArrayBuffer { [Uint8Contents]: <${hex}>, byteLength: ${length} }`;
  }
  if (tag === "[object Map]") {
    if (depth > options.depth) return "[Map]";
    return withSeen(value, seen, () => {
      const items = [];
      const iterator = MapPrototypeEntries(value);
      for (let step = iterator.next(); !step.done; step = iterator.next()) {
        ArrayPrototypePush(items, `${formatValue(step.value[0], options, depth + 1, seen, true)} => ${formatValue(step.value[1], options, depth + 1, seen, true)}`);
      }
      return `Map(${MapPrototypeGetSize(value)}) ${wrapList("{", items, "}", options, depth)}`;
    });
  }
  if (tag === "[object Set]") {
    if (depth > options.depth) return "[Set]";
    return withSeen(value, seen, () => {
      const items = [];
      const iterator = SetPrototypeValues(value);
      for (let step = iterator.next(); !step.done; step = iterator.next()) {
        ArrayPrototypePush(items, formatValue(step.value, options, depth + 1, seen, true));
      }
      return `Set(${SetPrototypeGetSize(value)}) ${wrapList("{", items, "}", options, depth)}`;
    });
  }
  if (tag === "[object WeakMap]") return "WeakMap { <items unknown> }";
  if (tag === "[object WeakSet]") return "WeakSet { <items unknown> }";
  if (tag === "[object Promise]") return "Promise { <state unknown> }";
  for (let i = 0; i < boxed.length; i++) {
    const boxTag = boxed[i][0];
    if (tag === boxTag) {
      return `[${StringPrototypeSlice(boxTag, 8, -1)}: ${formatPrimitive(boxed[i][1](value), true)}]`;
    }
  }

  // Plain and class objects.
  const name = constructorName(value);
  let stringTag = "";
  try {
    const t = value[SymbolToStringTag];
    if (typeof t === "string" && t !== "" && t !== name) stringTag = t;
  } catch {
    stringTag = "";
  }
  let prefix = "";
  if (name === null) prefix = stringTag ? `[Object: null prototype] [${stringTag}] ` : "[Object: null prototype] ";
  else if (name !== "Object") prefix = stringTag ? `${name} [${stringTag}] ` : `${name} `;
  else if (stringTag) prefix = `Object [${stringTag}] `;
  if (depth > options.depth) return name && name !== "Object" ? `[${name}]` : "[Object]";
  const keys = ObjectKeys(value);
  const symbols = ObjectGetOwnPropertySymbols(value);
  for (let i = 0; i < symbols.length; i++) {
    if (ObjectPrototypePropertyIsEnumerable(value, symbols[i])) ArrayPrototypePush(keys, symbols[i]);
  }
  if (keys.length === 0) return prefix + "{}";
  return withSeen(value, seen, () => formatObjectBody(value, prefix, keys, options, depth, seen));
}

const boxed = [
  ["[object Number]", (v) => core.primordials.NumberPrototypeValueOf(v)],
  ["[object String]", (v) => core.primordials.StringPrototypeValueOf(v)],
  ["[object Boolean]", (v) => core.primordials.BooleanPrototypeValueOf(v)],
  ["[object BigInt]", (v) => core.primordials.BigIntPrototypeValueOf(v)],
  ["[object Symbol]", (v) => core.primordials.SymbolPrototypeValueOf(v)],
];

function withSeen(value, seen, body) {
  const entry = { ref: 0 };
  MapPrototypeSet(seen, value, entry);
  try {
    const text = body(entry);
    return entry.ref ? `<ref *${entry.ref}> ${text}` : text;
  } finally {
    MapPrototypeDelete(seen, value);
  }
}

function formatProperty(value, key, options, depth, seen) {
  const descriptor = ObjectGetOwnPropertyDescriptor(value, key);
  if (descriptor && !("value" in descriptor)) {
    const kind = descriptor.get && descriptor.set ? "[Getter/Setter]" : descriptor.get ? "[Getter]" : "[Setter]";
    return `${formatKey(key)}: ${kind}`;
  }
  return `${formatKey(key)}: ${formatValue(descriptor ? descriptor.value : value[key], options, depth + 1, seen, true)}`;
}

function formatObjectBody(value, prefix, keys, options, depth, seen) {
  const items = [];
  for (let i = 0; i < keys.length; i++) ArrayPrototypePush(items, formatProperty(value, keys[i], options, depth, seen));
  return prefix + wrapList("{", items, "}", options, depth);
}

function formatArray(value, options, depth, seen) {
  const items = [];
  const length = value.length;
  const shown = length > options.maxArrayLength ? options.maxArrayLength : length;
  let holes = 0;
  const flushHoles = () => {
    if (holes > 0) {
      ArrayPrototypePush(items, `<${holes} empty item${holes > 1 ? "s" : ""}>`);
      holes = 0;
    }
  };
  for (let i = 0; i < shown; i++) {
    if (!ObjectPrototypeHasOwnProperty(value, i)) {
      holes++;
      continue;
    }
    flushHoles();
    ArrayPrototypePush(items, formatValue(value[i], options, depth + 1, seen, true));
  }
  flushHoles();
  if (length > shown) ArrayPrototypePush(items, `... ${length - shown} more item${length - shown > 1 ? "s" : ""}`);
  const keys = ObjectKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (isIndex(key)) continue;
    ArrayPrototypePush(items, formatProperty(value, key, options, depth, seen));
  }
  return wrapList("[", items, "]", options, depth);
}

function isIndex(key) {
  if (key === "") return false;
  for (let i = 0; i < key.length; i++) {
    const c = StringPrototypeCharCodeAt(key, i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function wrapList(open, items, close, options, depth) {
  if (items.length === 0) return open + close;
  let total = 0;
  let multiline = false;
  for (let i = 0; i < items.length; i++) {
    total += items[i].length + 2;
    if (StringPrototypeIncludes(items[i], "\n")) multiline = true;
  }
  const indent = StringPrototypeRepeat("  ", depth + 1);
  if (!multiline && total + open.length + depth * 2 <= options.breakLength) {
    return `${open} ${ArrayPrototypeJoin(items, ", ")} ${close}`;
  }
  const inner = [];
  for (let i = 0; i < items.length; i++) {
    ArrayPrototypePush(inner, indent + StringPrototypeReplace(items[i], /\n/g, "\n" + indent));
  }
  return `${open}\n${ArrayPrototypeJoin(inner, ",\n")}\n${StringPrototypeRepeat("  ", depth)}${close}`;
}

/** Renders any value as console.log shows it. */
function inspect(value, options = undefined) {
  const merged = { ...defaultOptions, ...(options ?? {}) };
  return formatValue(value, merged, 0, new SafeMap(), false);
}

// ---------------------------------------------------------------------------------------
// Formatter (https://console.spec.whatwg.org/#formatter)

function formatArgs(args) {
  if (args.length === 0) return "";
  let first = args[0];
  let rest = 1;
  let out = "";
  if (typeof first === "string" && StringPrototypeIncludes(first, "%")) {
    let i = 0;
    while (i < first.length) {
      const c = first[i];
      if (c === "%" && i + 1 < first.length) {
        const spec = first[i + 1];
        if (spec === "%") {
          out += "%";
          i += 2;
          continue;
        }
        if (rest < args.length && StringPrototypeIncludes("sdifoOjc", spec)) {
          const arg = args[rest++];
          switch (spec) {
            case "s":
              out += typeof arg === "string" ? arg : typeof arg === "symbol" || typeof arg === "bigint" ? formatPrimitive(arg, false) : (arg !== null && typeof arg === "object") ? inspect(arg, { depth: 1 }) : String(arg);
              break;
            case "d":
            case "i":
              if (typeof arg === "symbol") out += "NaN";
              else if (typeof arg === "bigint") out += BigIntPrototypeToString(arg) + "n";
              else out += formatPrimitive(NumberParseInt(arg, 10), false);
              break;
            case "f":
              out += typeof arg === "symbol" ? "NaN" : formatPrimitive(NumberParseFloat(arg), false);
              break;
            case "j":
              try {
                out += JSONStringify(arg);
              } catch {
                out += "[Circular]";
              }
              break;
            case "o":
              out += inspect(arg, { depth: 4 });
              break;
            case "O":
              out += inspect(arg);
              break;
            case "c":
              // CSS styling has no meaning in a terminal or log.
              break;
          }
          i += 2;
          continue;
        }
      }
      out += c;
      i++;
    }
  } else {
    out = formatValue(first, { ...defaultOptions }, 0, new SafeMap(), false);
  }
  for (let j = rest; j < args.length; j++) {
    out += " " + formatValue(args[j], { ...defaultOptions }, 0, new SafeMap(), false);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Console namespace

let groupIndent = "";
const counts = new SafeMap();
const timers = new SafeMap();

function print(level, text) {
  if (groupIndent) text = groupIndent + StringPrototypeReplace(text, /\n/g, "\n" + groupIndent);
  ops.print(level, text);
}

function logger(level) {
  return function (...data) {
    print(level, formatArgs(data));
  };
}

function formatDuration(ms) {
  return `${MathRound(ms * 1000) / 1000}ms`;
}

function renderTable(data, properties) {
  if (data === null || typeof data !== "object") return formatArgs([data]);
  const rows = [];
  const columns = [];
  const columnSet = new SafeMap();
  let hasValues = false;
  const addColumn = (c) => {
    if (!MapPrototypeHas(columnSet, c)) {
      MapPrototypeSet(columnSet, c, true);
      ArrayPrototypePush(columns, c);
    }
  };
  const indexHeader = ObjectPrototypeToString(data) === "[object Map]" ? "(iteration index)" : "(index)";
  let entries = [];
  if (ObjectPrototypeToString(data) === "[object Map]") {
    let i = 0;
    const iterator = MapPrototypeEntries(data);
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      ArrayPrototypePush(entries, [String(i++), { Key: step.value[0], Values: step.value[1] }]);
    }
  } else {
    const keys = ObjectKeys(data);
    for (let i = 0; i < keys.length; i++) ArrayPrototypePush(entries, [keys[i], data[keys[i]]]);
  }
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i][0];
    const row = entries[i][1];
    const cells = { __proto__: null };
    if (row !== null && typeof row === "object") {
      const rowKeys = properties ?? ObjectKeys(row);
      for (let j = 0; j < rowKeys.length; j++) {
        addColumn(rowKeys[j]);
        cells[rowKeys[j]] = formatValue(row[rowKeys[j]], { ...defaultOptions, depth: 0 }, 1, new SafeMap(), true);
      }
    } else {
      hasValues = true;
      cells["\u0000value"] = formatValue(row, { ...defaultOptions }, 1, new SafeMap(), true);
    }
    ArrayPrototypePush(rows, [key, cells]);
  }
  const header = [indexHeader];
  for (let i = 0; i < columns.length; i++) ArrayPrototypePush(header, String(columns[i]));
  if (hasValues) ArrayPrototypePush(header, "Values");
  const table = [header];
  for (let i = 0; i < rows.length; i++) {
    const line = [rows[i][0]];
    for (let j = 0; j < columns.length; j++) ArrayPrototypePush(line, rows[i][1][columns[j]] ?? "");
    if (hasValues) ArrayPrototypePush(line, rows[i][1]["\u0000value"] ?? "");
    ArrayPrototypePush(table, line);
  }
  const widths = [];
  for (let c = 0; c < header.length; c++) {
    let w = 0;
    for (let r = 0; r < table.length; r++) w = MathMax(w, table[r][c].length);
    ArrayPrototypePush(widths, w + 2);
  }
  const center = (text, width) => {
    const left = MathFloor((width - text.length) / 2);
    return StringPrototypeRepeat(" ", left) + text + StringPrototypeRepeat(" ", width - text.length - left);
  };
  const border = (l, m, r) => {
    const parts = [];
    for (let c = 0; c < widths.length; c++) ArrayPrototypePush(parts, StringPrototypeRepeat("─", widths[c]));
    return l + ArrayPrototypeJoin(parts, m) + r;
  };
  const renderRow = (cells) => {
    const parts = [];
    for (let c = 0; c < widths.length; c++) ArrayPrototypePush(parts, center(cells[c], widths[c]));
    return "│" + ArrayPrototypeJoin(parts, "│") + "│";
  };
  const lines = [border("┌", "┬", "┐"), renderRow(table[0]), border("├", "┼", "┤")];
  for (let r = 1; r < table.length; r++) ArrayPrototypePush(lines, renderRow(table[r]));
  ArrayPrototypePush(lines, border("└", "┴", "┘"));
  return ArrayPrototypeJoin(lines, "\n");
}

const webidl = core.require("webidl");

/** The label argument of count/time functions: DOMString, default "default". */
function convertLabel(label, method) {
  return label === undefined ? "default" : webidl.converters.DOMString(label, `Failed to execute '${method}' on 'console'`, "Argument 1");
}

/** Printer for data that is not run through the Formatter (timeLog's extra data). */
function formatPlain(data) {
  let out = "";
  for (let i = 0; i < data.length; i++) {
    out += (i ? " " : "") + formatValue(data[i], { ...defaultOptions }, 0, new SafeMap(), false);
  }
  return out;
}

const convertProperties = webidl.createSequenceConverter(webidl.converters.DOMString);

const consoleObject = {
  log: logger(LEVEL.log),
  info: logger(LEVEL.info),
  warn: logger(LEVEL.warn),
  error: logger(LEVEL.error),
  debug: logger(LEVEL.debug),
  dirxml: logger(LEVEL.log),
  trace(...data) {
    const stack = new Error().stack ?? "";
    const lines = StringPrototypeSplit(stack, "\n");
    let text = "Trace" + (data.length ? ": " + formatArgs(data) : "");
    // Drop the frame of console.trace itself.
    if (lines.length > 1) text += "\n" + formatStack(ArrayPrototypeJoin(ArrayPrototypeSlice(lines, 1), "\n"));
    print(LEVEL.error, text);
  },
  assert(condition = false, ...data) {
    if (condition) return;
    // https://console.spec.whatwg.org/#assert
    if (data.length === 0) {
      print(LEVEL.error, "Assertion failed");
    } else if (typeof data[0] === "string") {
      data[0] = "Assertion failed: " + data[0];
      print(LEVEL.error, formatArgs(data));
    } else {
      print(LEVEL.error, "Assertion failed " + formatArgs(data));
    }
  },
  count(label = undefined) {
    label = convertLabel(label, "count");
    const count = (MapPrototypeGet(counts, label) ?? 0) + 1;
    MapPrototypeSet(counts, label, count);
    print(LEVEL.info, `${label}: ${count}`);
  },
  countReset(label = undefined) {
    label = convertLabel(label, "countReset");
    if (MapPrototypeHas(counts, label)) MapPrototypeSet(counts, label, 0);
    else print(LEVEL.warn, `Count for '${label}' does not exist`);
  },
  time(label = undefined) {
    label = convertLabel(label, "time");
    if (MapPrototypeHas(timers, label)) {
      print(LEVEL.warn, `Timer '${label}' already exists`);
      return;
    }
    MapPrototypeSet(timers, label, ops.now());
  },
  timeLog(label = undefined, ...data) {
    label = convertLabel(label, "timeLog");
    const start = MapPrototypeGet(timers, label);
    if (start === undefined) {
      print(LEVEL.warn, `Timer '${label}' does not exist`);
      return;
    }
    const extra = data.length ? " " + formatPlain(data) : "";
    print(LEVEL.info, `${label}: ${formatDuration(ops.now() - start)}${extra}`);
  },
  timeEnd(label = undefined) {
    label = convertLabel(label, "timeEnd");
    const start = MapPrototypeGet(timers, label);
    if (start === undefined) {
      print(LEVEL.warn, `Timer '${label}' does not exist`);
      return;
    }
    MapPrototypeDelete(timers, label);
    print(LEVEL.info, `${label}: ${formatDuration(ops.now() - start)}`);
  },
  group(...data) {
    if (data.length) print(LEVEL.log, formatArgs(data));
    groupIndent += "  ";
  },
  groupCollapsed(...data) {
    if (data.length) print(LEVEL.log, formatArgs(data));
    groupIndent += "  ";
  },
  groupEnd() {
    groupIndent = StringPrototypeSlice(groupIndent, 0, MathMax(0, groupIndent.length - 2));
  },
  clear() {
    // Empties the group stack; a log has no screen to clear.
    groupIndent = "";
  },
  table(tabularData = undefined, properties = undefined) {
    if (properties !== undefined) {
      properties = convertProperties(properties, "Failed to execute 'table' on 'console'", "Argument 2");
    }
    print(LEVEL.log, renderTable(tabularData, properties));
  },
  dir(item = undefined, options = undefined) {
    // optional object? options
    if (options === null) options = undefined;
    if (options !== undefined && typeof options !== "object" && typeof options !== "function") {
      throw new TypeError("Failed to execute 'dir' on 'console': Argument 2 is not an object.");
    }
    print(LEVEL.log, inspect(item, options));
  },
};

// The console namespace object (https://webidl.spec.whatwg.org/#es-namespaces): its
// [[Prototype]] is an empty object inheriting from Object.prototype; operations are
// writable, enumerable, configurable, named after themselves; @@toStringTag "console".
const console = ObjectCreate(ObjectCreate(core.primordials.Object.prototype));
const names = ObjectKeys(consoleObject);
for (let i = 0; i < names.length; i++) {
  const fn = consoleObject[names[i]];
  core.primordials.ObjectDefineProperty(fn, "name", { __proto__: null, value: names[i], writable: false, enumerable: false, configurable: true });
  core.primordials.ObjectDefineProperty(fn, "length", { __proto__: null, value: 0, writable: false, enumerable: false, configurable: true });
  core.primordials.ObjectDefineProperty(console, names[i], {
    __proto__: null, value: fn, writable: true, enumerable: true, configurable: true,
  });
}
core.primordials.ObjectDefineProperty(console, SymbolToStringTag, {
  __proto__: null, value: "console", writable: false, enumerable: false, configurable: true,
});

void [WeakMap, WeakSet, Map, Set, Date, RegExp, Promise, ObjectGetOwnPropertyNames, JSONStringify, MapPrototypeKeys,
  ArrayIteratorPrototypeNext, StringPrototypePadEnd, DatePrototypeGetTime, LEVEL];

return ObjectFreeze({ __proto__: null, console, formatArgs, formatError, formatStack, inspect });
