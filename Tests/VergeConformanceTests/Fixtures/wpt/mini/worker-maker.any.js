test(() => { new Worker("x.js"); }, "creates a worker");
