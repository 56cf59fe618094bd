// META: global=window,shadowrealm
test(() => {}, "runs: shadowrealm counts as worker-like");
