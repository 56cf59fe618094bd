test(() => {}, "needs https");
