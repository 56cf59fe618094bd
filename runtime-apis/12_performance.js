// performance, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure
// (https://w3c.github.io/hr-time/, https://w3c.github.io/performance-timeline/,
// https://w3c.github.io/user-timing/).
//
// Time is the realm's monotonic clock (ops.now: milliseconds since the realm's time
// origin, ops.timeOrigin: that origin in milliseconds since the epoch), coarsened to
// 5 microseconds as HR-Time asks of contexts that are cross-origin isolated. The
// performance entry buffer holds marks and measures (this runtime has no resource or
// navigation timing).

const {
  ArrayPrototypeFilter,
  ArrayPrototypePush,
  ArrayPrototypeSort,
  ObjectFreeze,
  Symbol,
  TypeError,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const { EventTarget } = core.require("event");
const ops = core.ops;

const illegalConstructorKey = Symbol("PerformanceEntry");

/** Current high resolution time, coarsened to 5 µs (the clock Event.timeStamp uses). */
const now = core.require("event").highResolutionNow;

function syntaxError(message) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, "SyntaxError");
}

/** StructuredDeserialize(StructuredSerialize(value)) in this realm. */
function cloneDetail(value) {
  const { serialize, deserialize } = core.require("structured_clone");
  return deserialize(serialize(value, [], false)).value;
}

// ---------------------------------------------------------------------------------------
// PerformanceEntry

let entryInternals;

class PerformanceEntry {
  #name;
  #entryType;
  #startTime;
  #duration;
  // PerformanceMark/PerformanceMeasure: the detail (structured-cloned), else undefined.
  #detail;
  // Insertion order, to keep the sort stable for equal start times.
  #sequence = 0;

  constructor(key = undefined, name = "", entryType = "", startTime = 0, duration = 0, detail = undefined) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
    this.#name = name;
    this.#entryType = entryType;
    this.#startTime = startTime;
    this.#duration = duration;
    this.#detail = detail;
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #name in value;
  }

  get name() {
    webidl.assertBranded(this, PerformanceEntry.isInstance);
    return this.#name;
  }

  get entryType() {
    webidl.assertBranded(this, PerformanceEntry.isInstance);
    return this.#entryType;
  }

  get startTime() {
    webidl.assertBranded(this, PerformanceEntry.isInstance);
    return this.#startTime;
  }

  get duration() {
    webidl.assertBranded(this, PerformanceEntry.isInstance);
    return this.#duration;
  }

  /** [Default] toJSON: the JSON-type attributes of the entry's interfaces (with detail). */
  toJSON() {
    webidl.assertBranded(this, PerformanceEntry.isInstance);
    const json = {
      name: this.#name,
      entryType: this.#entryType,
      startTime: this.#startTime,
      duration: this.#duration,
    };
    if (this.#entryType === "mark" || this.#entryType === "measure") json.detail = this.#detail;
    return json;
  }

  static {
    entryInternals = {
      name: (entry) => entry.#name,
      entryType: (entry) => entry.#entryType,
      startTime: (entry) => entry.#startTime,
      detail: (entry) => entry.#detail,
      sequence: (entry) => entry.#sequence,
      setSequence: (entry, sequence) => {
        entry.#sequence = sequence;
      },
      initialize: (entry, name, entryType, startTime, duration, detail) => {
        entry.#name = name;
        entry.#entryType = entryType;
        entry.#startTime = startTime;
        entry.#duration = duration;
        entry.#detail = detail;
      },
    };
  }
}
webidl.configureInterface(PerformanceEntry);

// ---------------------------------------------------------------------------------------
// PerformanceMark

const convertMarkOptions = webidl.createDictionaryConverter("PerformanceMarkOptions", [
  { key: "detail", converter: converters.any },
  { key: "startTime", converter: converters.double },
]);

class PerformanceMark extends PerformanceEntry {
  #isMark = true;

  constructor(markName, markOptions = undefined) {
    const prefix = "Failed to construct 'PerformanceMark'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    markName = converters.DOMString(markName, prefix, "Argument 1");
    const options = convertMarkOptions(markOptions, prefix, "Argument 2");
    super(illegalConstructorKey);
    let startTime;
    if (options.startTime !== undefined) {
      if (options.startTime < 0) throw new TypeError(`${prefix}: 'startTime' cannot be negative.`);
      startTime = options.startTime;
    } else {
      startTime = now();
    }
    const detail = options.detail === undefined || options.detail === null ? null : cloneDetail(options.detail);
    entryInternals.initialize(this, markName, "mark", startTime, 0, detail);
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #isMark in value;
  }

  get detail() {
    webidl.assertBranded(this, PerformanceMark.isInstance);
    return entryInternals.detail(this);
  }
}
webidl.configureInterface(PerformanceMark);

// ---------------------------------------------------------------------------------------
// PerformanceMeasure

class PerformanceMeasure extends PerformanceEntry {
  #isMeasure = true;

  constructor(key = undefined, name, startTime, duration, detail) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
    super(illegalConstructorKey, name, "measure", startTime, duration, detail);
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #isMeasure in value;
  }

  get detail() {
    webidl.assertBranded(this, PerformanceMeasure.isInstance);
    return entryInternals.detail(this);
  }
}
webidl.configureInterface(PerformanceMeasure);

// ---------------------------------------------------------------------------------------
// Performance

// The performance entry buffer (marks and measures, in insertion order).
let entryBuffer = [];
let sequence = 0;

function queueEntry(entry) {
  entryInternals.setSequence(entry, ++sequence);
  ArrayPrototypePush(entryBuffer, entry);
}

/** Performance Timeline "filter buffer by name and type", sorted by startTime. */
function filterBuffer(name, type) {
  const result = ArrayPrototypeFilter(entryBuffer, (entry) =>
    (name === null || entryInternals.name(entry) === name) &&
    (type === null || entryInternals.entryType(entry) === type));
  return ArrayPrototypeSort(result, (a, b) => {
    const delta = entryInternals.startTime(a) - entryInternals.startTime(b);
    return delta !== 0 ? delta : entryInternals.sequence(a) - entryInternals.sequence(b);
  });
}

/** User Timing "convert a mark to a timestamp". */
function markToTimestamp(mark, prefix) {
  if (typeof mark === "string") {
    for (let i = entryBuffer.length - 1; i >= 0; i--) {
      const entry = entryBuffer[i];
      if (entryInternals.entryType(entry) === "mark" && entryInternals.name(entry) === mark) {
        return entryInternals.startTime(entry);
      }
    }
    throw syntaxError(`${prefix}: The mark '${mark}' does not exist.`);
  }
  if (mark < 0) throw new TypeError(`${prefix}: '${mark}' is a negative timestamp.`);
  return mark;
}

/** (DOMString or DOMHighResTimeStamp) */
function convertMarkReference(value, prefix, context) {
  if (typeof value === "number") return converters.double(value, prefix, context);
  return converters.DOMString(value, prefix, context);
}

const convertMeasureOptions = webidl.createDictionaryConverter("PerformanceMeasureOptions", [
  { key: "detail", converter: converters.any },
  { key: "duration", converter: converters.double },
  { key: "end", converter: convertMarkReference },
  { key: "start", converter: convertMarkReference },
]);

class Performance extends EventTarget {
  #isPerformance = true;

  constructor(key = undefined) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
    super();
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #isPerformance in value;
  }

  now() {
    webidl.assertBranded(this, Performance.isInstance);
    return now();
  }

  get timeOrigin() {
    webidl.assertBranded(this, Performance.isInstance);
    return ops.timeOrigin();
  }

  toJSON() {
    webidl.assertBranded(this, Performance.isInstance);
    return { timeOrigin: ops.timeOrigin() };
  }

  getEntries() {
    webidl.assertBranded(this, Performance.isInstance);
    return filterBuffer(null, null);
  }

  getEntriesByType(type) {
    webidl.assertBranded(this, Performance.isInstance);
    const prefix = "Failed to execute 'getEntriesByType' on 'Performance'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    return filterBuffer(null, type);
  }

  getEntriesByName(name, type = undefined) {
    webidl.assertBranded(this, Performance.isInstance);
    const prefix = "Failed to execute 'getEntriesByName' on 'Performance'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = converters.DOMString(name, prefix, "Argument 1");
    type = type === undefined ? null : converters.DOMString(type, prefix, "Argument 2");
    return filterBuffer(name, type);
  }

  mark(markName, markOptions = undefined) {
    webidl.assertBranded(this, Performance.isInstance);
    const prefix = "Failed to execute 'mark' on 'Performance'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    const entry = new PerformanceMark(markName, markOptions);
    queueEntry(entry);
    return entry;
  }

  clearMarks(markName = undefined) {
    webidl.assertBranded(this, Performance.isInstance);
    clearEntries("mark", markName === undefined ? null : converters.DOMString(markName));
  }

  measure(measureName, startOrMeasureOptions = undefined, endMark = undefined) {
    webidl.assertBranded(this, Performance.isInstance);
    const prefix = "Failed to execute 'measure' on 'Performance'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    measureName = converters.DOMString(measureName, prefix, "Argument 1");
    // (DOMString or PerformanceMeasureOptions): null, undefined and objects are options.
    let options = null;
    let startName = null;
    if (startOrMeasureOptions === undefined || startOrMeasureOptions === null ||
      typeof startOrMeasureOptions === "object" || typeof startOrMeasureOptions === "function") {
      options = convertMeasureOptions(startOrMeasureOptions, prefix, "Argument 2");
    } else {
      startName = converters.DOMString(startOrMeasureOptions, prefix, "Argument 2");
    }
    if (endMark !== undefined) endMark = converters.DOMString(endMark, prefix, "Argument 3");

    const has = (key) => options !== null && options[key] !== undefined;
    if (options !== null && (has("start") || has("end") || has("duration") || has("detail"))) {
      if (endMark !== undefined) {
        throw new TypeError(`${prefix}: endMark cannot be given with a non-empty PerformanceMeasureOptions.`);
      }
      if (!has("start") && !has("end")) {
        throw new TypeError(`${prefix}: PerformanceMeasureOptions needs a start or an end.`);
      }
      if (has("start") && has("duration") && has("end")) {
        throw new TypeError(`${prefix}: PerformanceMeasureOptions cannot have start, duration and end together.`);
      }
    }

    let endTime;
    if (endMark !== undefined) {
      endTime = markToTimestamp(endMark, prefix);
    } else if (has("end")) {
      endTime = markToTimestamp(options.end, prefix);
    } else if (has("start") && has("duration")) {
      endTime = markToTimestamp(options.start, prefix) + markToTimestamp(options.duration, prefix);
    } else {
      endTime = now();
    }

    let startTime;
    if (has("start")) {
      startTime = markToTimestamp(options.start, prefix);
    } else if (has("duration") && has("end")) {
      startTime = markToTimestamp(options.end, prefix) - markToTimestamp(options.duration, prefix);
    } else if (startName !== null) {
      startTime = markToTimestamp(startName, prefix);
    } else {
      startTime = 0;
    }

    const detail = has("detail") ? cloneDetail(options.detail) : null;
    const entry = new PerformanceMeasure(illegalConstructorKey, measureName, startTime, endTime - startTime, detail);
    queueEntry(entry);
    return entry;
  }

  clearMeasures(measureName = undefined) {
    webidl.assertBranded(this, Performance.isInstance);
    clearEntries("measure", measureName === undefined ? null : converters.DOMString(measureName));
  }
}

function clearEntries(type, name) {
  entryBuffer = ArrayPrototypeFilter(entryBuffer, (entry) =>
    !(entryInternals.entryType(entry) === type && (name === null || entryInternals.name(entry) === name)));
}

webidl.configureInterface(Performance);
webidl.setLength(Performance.prototype.measure, 1);
webidl.setLength(Performance.prototype.mark, 1);
webidl.setLength(Performance.prototype.clearMarks, 0);
webidl.setLength(Performance.prototype.clearMeasures, 0);
webidl.setLength(Performance.prototype.getEntriesByName, 1);
webidl.setLength(PerformanceMark, 1);

const performance = new Performance(illegalConstructorKey);

return ObjectFreeze({
  __proto__: null,
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  now,
  performance,
});
