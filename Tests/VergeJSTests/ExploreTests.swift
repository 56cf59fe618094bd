import Testing
import CJavaScriptCore
@testable import VergeJS

@Test func explore() throws {
    let vm = JSVirtualMachine()
    var def = kJSClassDefinitionEmpty
    let cls = JSClassCreate(&def)
    let ctxA = JSGlobalContextCreateInGroup(vm.group, nil)!
    let ctxB = JSGlobalContextCreateInGroup(vm.group, cls)!
    let src = "var t0 = Date.now(); var s = 0; for (let i = 0; i < 3e7; i++) { s += Math.abs(i) + JSON.length; } Date.now() - t0"
    for (name, ctx) in [("plain", ctxA), ("class", ctxB), ("plain", ctxA), ("class", ctxB)] {
        let r = JSStrings.with(src) { JSEvaluateScript(ctx, $0, nil, nil, 1, nil) }
        print(name, JSValueToNumber(ctx, r, nil))
    }
    let r = JSStrings.with("var p = Object.getPrototypeOf(globalThis); Object.setPrototypeOf(p, {hello(){return 'hi'}}); hello() + (p === Object.prototype)") { JSEvaluateScript(ctxB, $0, nil, nil, 1, nil) }
    let s = JSValueToStringCopy(ctxB, r, nil)!
    print("proto:", JSStrings.string(s))
}
