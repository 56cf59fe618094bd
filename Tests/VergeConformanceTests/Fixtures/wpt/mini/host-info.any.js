// META: script=/common/get-host-info.sub.js
test(() => {}, "needs other hosts");
