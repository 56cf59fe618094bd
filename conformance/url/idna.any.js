// Domain to ASCII (https://url.spec.whatwg.org/#concept-domain-to-ascii) through UTS #46:
// nontransitional processing (deviation characters kept), CheckBidi, CheckJoiners,
// CheckHyphens=false, UseSTD3ASCIIRules=false, VerifyDnsLength=false; an ASCII domain is only
// lowercased; the result may not contain forbidden domain code points.

const cases = [
  // Deviation characters are not mapped away (nontransitional).
  ["fa\u00DF.de", "xn--fa-hia.de"],
  ["\u03B2\u03CC\u03BB\u03BF\u03C2.com", "xn--nxasmm1c.com"],
  ["a\u200Db", null], // ZWJ not after a virama: CheckJoiners
  ["a\u200Cb", null], // ZWNJ in a context that does not allow it
  ["\u0915\u094D\u200D\u0937", "xn--11b2ezcw70k"], // ZWJ after a virama is allowed
  // Mapping and normalization.
  ["M\u00DCNCHEN.de", "xn--mnchen-3ya.de"],
  ["\uFF27\uFF4F.com", "go.com"], // fullwidth letters
  ["www\u3002example\u3002com", "www.example.com"], // ideographic full stops
  ["a\u00ADb", "ab"], // soft hyphen is ignored
  ["\u00AD", null], // ... and an empty result fails
  ["cafe\u0301.fr", "xn--caf-dma.fr"], // NFC
  ["\u2603.net", "xn--n3h.net"],
  ["\uD83D\uDCA9.la", "xn--ls8h.la"],
  // Bidi rule.
  ["\u0627\u0644\u0639\u0631\u0628\u064A\u0629.com", "xn--mgbcd4a2b0d2b.com"],
  ["a\u0627", null], // an LTR label with an RTL letter
  ["\u0661.\u0662", null], // a label starting with an Arabic-Indic digit
  // Disallowed code points and invalid Punycode.
  ["\uFFFD", null],
  ["a\uFFFFb", null],
  ["xn--a.\u00E9", null], // invalid Punycode in a non-ASCII domain
  ["\u0301a.com", null], // leading combining mark
  // Hyphens and lengths are not checked.
  ["-\u00E9-", "xn-----bja"],
  ["\u00E9" + "a".repeat(70), "xn--" + "a".repeat(70) + "-9cg"],
  // Dots.
  ["\u00E9..x", "xn--9ca..x"],
  ["\u00E9.", "xn--9ca."],
  // Forbidden domain code points after mapping.
  ["\uFF05\uFF14\uFF11.com", null], // fullwidth '%41' maps to '%41'
  ["a\uFF1Cb", null], // fullwidth '<'
  // ASCII domains are lowercased without UTS #46 processing.
  ["EXAMPLE.COM", "example.com"],
  ["xn--", "xn--"],
  ["XN--PokXncVks", "xn--pokxncvks"],
  ["a_b", "a_b"],
  ["-x-", "-x-"],
  // Percent-encoded input is decoded first.
  ["%C3%A9.com", "xn--9ca.com"],
  ["%E2%98%83", "xn--n3h"],
  ["%ef%bf%bd", null],
  // Domains that end in a number are IPv4 addresses.
  ["\uFF11\uFF12\uFF17.0.0.1", "127.0.0.1"],
  ["\u00E9.1", null],
];

for (const [input, output] of cases) {
  test(() => {
    if (output === null) {
      assert_throws_js(TypeError, () => new URL(`https://${input}/x`));
      assert_false(URL.canParse(`https://${input}/x`));
      return;
    }
    const url = new URL(`https://${input}/x`);
    assert_equals(url.hostname, output, "hostname");
    assert_equals(url.href, `https://${output}/x`, "href");
  }, `domain to ASCII: ${JSON.stringify(input)}`);

  test(() => {
    const url = new URL("https://x/");
    url.hostname = input;
    assert_equals(url.hostname, output === null ? "x" : output);
  }, `hostname setter with ${JSON.stringify(input)}`);
}

test(() => {
  // ICU refuses to Punycode-encode very long labels (conformance/url/DIVERGENCES.md).
  assert_false(URL.canParse("https://" + "\u00E9".repeat(5000) + "/"));
  assert_throws_js(TypeError, () => new URL("https://" + "\u00E9".repeat(5000) + "/"));
  assert_true(URL.canParse("https://" + ("\u00E9".repeat(60) + ".").repeat(100) + "/"), "long domains of short labels");
}, "very long labels fail cleanly");

test(() => {
  // Non-special URLs have opaque hosts: percent-encoded, no IDNA.
  assert_equals(new URL("sc://fa\u00DF.de/").host, "fa%C3%9F.de");
}, "opaque hosts are not processed by UTS #46");
