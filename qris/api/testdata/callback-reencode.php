<?php
// Writes callback-reencode.jsonl: for each body below, what PHP's
// json_encode (default flags) makes of json_decode (default: objects stay
// objects) of it, the bytes a gateway written in PHP would sign under the
// "re-encoded body" reading. false when json_encode fails (an infinite
// number). Run from this directory with Debian's php-cli:
//
//	php callback-reencode.php > callback-reencode.jsonl
$bodies = [
    '{"id":"8c6f2b1e-4d3a-4e5f-9a7b-1c2d3e4f5a6b","merchantRef":"INV-1","status":"success","feePayer":"customer","amount":10000,"fee":85,"totalAmount":10085,"expiredDate":"2025-03-23T10:24:58+07:00","additionalInfo":{"callback":"https://shop.example/notify"},"qris":{"content":"000201","url":""}}',
    "{\n  \"id\": \"a-1\",\n  \"status\": \"success\",\n  \"additionalInfo\": { \"callback\": \"https://shop.example/cb?a=1&b=2\" }\n}\n",
    '{"id":"a-2","status":"paid","viewName":"Toko Ibu Ané 日本 😀","note":"<b>it\'s</b>"}',
    '{"id":"a-3","status":"pending","escaped":"\u00E9\/\u0041\t","ctl":"\u001f\u2028"}',
    '{"id":"a-4","status":"success","amount":10000.0,"fee":85.50,"big":9223372036854775808,"neg":-0,"negf":-0.0,"e":1e4,"tiny":0.00001,"huge":1e17,"pi":3.14159265358979323846}',
    '{"id":"a-5","status":"success","id":"a-6","list":[1,[],{},[{"x":null,"y":true,"z":false}]]}',
    '{"id":"a-7","status":"success","inf":1e400}',
    '{"":1,"_empty_":2,"0":3}',
    '[1,"two",{"three":3}]',
];
foreach ($bodies as $b) {
    echo json_encode(['body' => $b, 'json_encode' => json_encode(json_decode($b))]), "\n";
}
