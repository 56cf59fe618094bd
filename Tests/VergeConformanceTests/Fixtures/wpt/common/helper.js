// A META script rooted at the checkout ("/common/helper.js").
self.rootedHelperLoaded = true;
