import Testing
@testable import VergeEdge

/// The URL Standard's domain to ASCII through ICU (Sources/CVergeNative/idna.c), and the
/// `domainToASCII` op as the URL parser in runtime-apis/16_url.js uses it.
@Suite struct URLIDNATests {
    @Test func nontransitionalProcessingKeepsDeviationCharacters() {
        #expect(URLIDNA.domainToASCII("faß.de") == "xn--fa-hia.de")
        #expect(URLIDNA.domainToASCII("βόλος.com") == "xn--nxasmm1c.com")
    }

    @Test func mapsAndNormalizes() {
        #expect(URLIDNA.domainToASCII("MÜNCHEN.de") == "xn--mnchen-3ya.de")
        #expect(URLIDNA.domainToASCII("Ｇｏ.com") == "go.com")
        #expect(URLIDNA.domainToASCII("a\u{AD}b") == "ab")
        #expect(URLIDNA.domainToASCII("www\u{3002}example\u{3002}com") == "www.example.com")
    }

    @Test func hyphensAndLengthsAreNotChecked() {
        #expect(URLIDNA.domainToASCII("-é-") == "xn-----bja")
        #expect(URLIDNA.domainToASCII("é..x") == "xn--9ca..x")
        #expect(URLIDNA.domainToASCII("é" + String(repeating: "a", count: 70)) != nil)
    }

    @Test func bidiJoinersAndDisallowedCodePointsFail() {
        #expect(URLIDNA.domainToASCII("a\u{627}") == nil)
        #expect(URLIDNA.domainToASCII("\u{661}.\u{662}") == nil)
        #expect(URLIDNA.domainToASCII("a\u{200D}b") == nil)
        #expect(URLIDNA.domainToASCII("\u{FFFD}") == nil)
        #expect(URLIDNA.domainToASCII("xn--a.é") == nil)
    }

    @Test func longDomainsNeedingALargerBuffer() {
        // Many labels of non-ASCII code points: the ASCII form is longer than twice the input.
        let domain = Array(repeating: "ü", count: 3000).joined(separator: ".")
        let result = URLIDNA.domainToASCII(domain)
        #expect(result?.hasPrefix("xn--tda.xn--tda.") == true)
        #expect(result?.count == 3000 * 8 - 1)
    }

    @Test func labelsTooLongForICUFail() {
        // ICU refuses to encode labels of thousands of code points; they fail instead of
        // reporting ICU as unusable.
        #expect(URLIDNA.domainToASCII(String(repeating: "é", count: 5000)) == nil)
        #expect(URLIDNA.domainToASCII(String(repeating: "é", count: 1000)) != nil)
    }

    @Test func urlParserUsesTheOp() {
        let source = """
        const url = new URL("https://faß.ExAmPlE/päth?q=ü#f");
        if (url.href !== "https://xn--fa-hia.example/p%C3%A4th?q=%C3%BC#f") throw new Error(url.href);
        let threw = false;
        try { new URL("https://a\\u0627/"); } catch (e) { threw = e instanceof TypeError; }
        if (!threw) throw new Error("bidi violation accepted");
        """
        #expect(ScriptRunner.run(source: source, sourceURL: "url-idna.js") == 0)
    }
}
