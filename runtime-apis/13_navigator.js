// navigator (https://html.spec.whatwg.org/#the-navigator-object, as WinterTC's Minimum
// Common API keeps it: navigator.userAgent), plus hardwareConcurrency
// (https://html.spec.whatwg.org/#navigator.hardwareconcurrency), which workers expose.
//
// userAgent is one product token, "Verge" (core.config.userAgent). hardwareConcurrency is
// 1: an edge realm runs on one thread whatever the machine has, and a fixed value reveals
// nothing about the host.

const { ObjectFreeze, String, Symbol } = core.primordials;
const webidl = core.require("webidl");

const illegalConstructorKey = Symbol("Navigator");
const userAgent = String(core.config.userAgent ?? "Verge");

class Navigator {
  #isNavigator = true;

  constructor(key = undefined) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #isNavigator in value;
  }

  get userAgent() {
    webidl.assertBranded(this, Navigator.isInstance);
    return userAgent;
  }

  get hardwareConcurrency() {
    webidl.assertBranded(this, Navigator.isInstance);
    return 1;
  }
}
webidl.configureInterface(Navigator);

const navigator = new Navigator(illegalConstructorKey);

return ObjectFreeze({ __proto__: null, Navigator, navigator });
