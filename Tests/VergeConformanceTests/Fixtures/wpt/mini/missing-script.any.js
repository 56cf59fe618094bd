// META: script=/common/missing.js
test(() => {}, "its META script is missing");
