// verge run examples/hello.js
console.log("Hello from the Verge edge sandbox!");
setTimeout(() => console.log("a timer fired after %d ms", 10), 10);
queueMicrotask(() => console.log("a microtask ran before the timer"));
console.log({ nested: { array: [1, 2, 3], map: new Map([["k", 1]]) }, date: new Date(0) });
