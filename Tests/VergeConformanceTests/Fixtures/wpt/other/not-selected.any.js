test(() => {}, "in a directory the run does not select");
