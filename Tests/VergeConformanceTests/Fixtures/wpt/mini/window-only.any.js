// META: global=window
test(() => {}, "window only");
