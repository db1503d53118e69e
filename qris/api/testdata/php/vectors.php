<?php
// Test vectors for qris/api's MarshalPHP and Sign, made by real PHP.
//
// For each request body below it prints what the gateway's documentation
// computes: json_encode($body) with default flags, and the signature
// hash_hmac('sha512', $key . json_encode($body), $token). Each credential
// pair also gets the signature of a call without a body (the transactions
// list), hash_hmac('sha512', $key, $token). The bodies list their fields
// in api.Request's order (reference, amount, expiryMinutes, viewName,
// additionalInfo.callback), as json_encode keeps an array's order.
//
// Regenerate from the repository root (Debian: apt-get install php-cli):
//
//	php qris/api/testdata/php/vectors.php > qris/api/testdata/php/vectors.json
//
// The tests read only vectors.json; PHP is not needed to run them.

function body($ref, $amount, $view, $callback, $expiry = null) {
    $b = ['reference' => $ref, 'amount' => $amount];
    if ($expiry !== null) {
        $b['expiryMinutes'] = $expiry;
    }
    $b['viewName'] = $view;
    $b['additionalInfo'] = ['callback' => $callback];
    return $b;
}

$cases = [
    'gateway example' => body('REFF012', 10000, 'Merchant Name', 'http://your-site-callback.com/notify', 30),
    'no expiry' => body('INV-2025-0001', 15000, 'Toko Contoh', 'https://shop.example/qris/callback'),
    'smallest amount' => body('R1', 1, 'A', 'http://a.test/', 1),
    'largest amount' => body('R-MAX', 9999999999999, 'Toko Besar', 'https://x.test/cb', 525600),
    'beyond 2^53' => body('R-BIG', 9007199254740993, 'Big', 'https://x.test/cb'),
    'latin accents' => body('é-1', 20000, 'Toko Ibu Ané & Søn', 'https://x.test/notify?a=1&b=2', 60),
    'cjk' => body('日本-1', 30000, '日本の店 (東京)', 'https://例え.test/通知', 15),
    'emoji' => body('EMOJI-😀', 12345, 'Kopi ☕ Senja 🌅🇮🇩', 'https://x.test/cb/😀', 5),
    'quotes and backslashes' => body('Q"1\\2', 500, "It's \"quoted\" \\ <b>&amp;</b>", 'https://x.test/a/b/c?q="x"', 10),
    'slashes' => body('a/b/c', 1000, '/root/ //double', 'https://x.test//cb///deep/?r=/x/', 20),
    'control characters' => body("C\t1", 700, "line\nbreak\r\tform\x0cfeed\x08back\x01\x1f\x7f", "https://x.test/cb\x00", 2),
    'line separators' => body("L\u{2028}1", 800, "para\u{2029}graph \u{00a0}nbsp \u{feff}bom \u{fffd}", 'https://x.test/cb', 3),
    'astral plane' => body('𝒳-1', 900, '𐍈 Gothic 𝄞 music 🀄', 'https://x.test/𝄞', 4),
    'html characters' => body('<ref>', 1100, '<script>alert(1)</script> & \'x\'', 'https://x.test/cb?a=<1>&b=>', 6),
];

$credentials = [
    ['key' => 'demo-key', 'token' => 'demo-token'],
    ['key' => 'ck_7f3a9c2e4b', 'token' => 'tk_live_0f9e8d7c6b5a49382716'],
    ['key' => 'kunci-ü', 'token' => 'token/🔑'],
];

$out = ['requests' => [], 'keyOnly' => []];
$i = 0;
foreach ($cases as $name => $b) {
    $c = $credentials[$i++ % count($credentials)];
    $json = json_encode($b);
    if ($json === false) {
        fwrite(STDERR, "$name: " . json_last_error_msg() . "\n");
        exit(1);
    }
    $out['requests'][] = [
        'name' => $name,
        'key' => $c['key'],
        'token' => $c['token'],
        'body' => $b,
        'json' => $json,
        'signature' => hash_hmac('sha512', $c['key'] . $json, $c['token']),
    ];
}
foreach ($credentials as $c) {
    $out['keyOnly'][] = $c + ['signature' => hash_hmac('sha512', $c['key'], $c['token'])];
}
// Invalid UTF-8: json_encode refuses it, as MarshalPHP must.
$out['invalidUTF8'] = json_encode(['viewName' => "bad \xff byte"]) === false ? json_last_error_msg() : 'accepted';
$out['php'] = PHP_VERSION;

echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
