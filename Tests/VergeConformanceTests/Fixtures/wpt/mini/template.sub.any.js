test(() => {}, "needs substitutions");
