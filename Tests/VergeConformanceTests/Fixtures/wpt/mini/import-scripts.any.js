importScripts("resources/local.js");
test(() => {}, "uses importScripts");
