// A META script relative to the test ("resources/local.js").
self.localHelperLoaded = true;
