test(() => {}, "finishes");
async_test(() => {}, "never finishes");
