test(() => {}, "helper folders are not tests");
