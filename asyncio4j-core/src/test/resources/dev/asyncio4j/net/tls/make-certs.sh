#!/usr/bin/env bash
# Makes the test certificates and keys of the TLS tests, into this directory, with openssl (3.0 or
# newer). Run once; the results are committed, so the tests need no tool and no network. The
# valid ones last 100 years; "expired" expired in 2001. Test material only: never trust these.
#
#   ca.pem                     the test CA ("asyncio4j test CA") that everything below chains to;
#                              its key is thrown away, so run the whole script to change anything
#   server.pem, server.key     localhost, 127.0.0.1 and ::1 (RSA 2048, PKCS#8 key)
#   server-rsa.key             the same key in OpenSSL's traditional form (BEGIN RSA PRIVATE KEY)
#   server-encrypted.key       the same key as encrypted PKCS#8 (PBES2, AES-256), password "secret"
#   server-legacy-encrypted.key  and encrypted the traditional OpenSSL way (which the JDK cannot read)
#   ec-server.pem              localhost on an EC P-256 key; ec-server.key (BEGIN EC PRIVATE KEY),
#   ec-server-pkcs8.key        and the same key as PKCS#8
#   inter.pem, chained.pem     an intermediate CA; chained.pem = a localhost leaf it signed + inter.pem,
#   chained.key                and that leaf's key
#   expired.pem, expired.key   localhost, valid only in the year 2000
#   wronghost.pem/.key         wrong.example only (not localhost)
#   other-ca.pem               another CA nobody trusts; untrusted.pem/.key: localhost, signed by it
#   client.pem, client.key     a client certificate ("test client") for mutual TLS
set -euo pipefail
cd "$(dirname "$0")"
days=36500
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ca() { # name subject
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days $days -subj "$2" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

leaf() { # name cn san issuer keyopt [extendedKeyUsage]
    local name=$1 cn=$2 san=$3 issuer=$4 keyopt=$5 eku=${6:-serverAuth}
    openssl req -new -newkey "$keyopt" -nodes -keyout "$name.key" -out "$work/$name.csr" -subj "/CN=$cn" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s\n' \
        "$eku" "${san:+subjectAltName=$san}" > "$work/$name.ext"
    openssl x509 -req -in "$work/$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" -CAcreateserial \
        -CAserial "$work/$issuer.srl" -days $days -sha256 -extfile "$work/$name.ext" -out "$name.pem" 2>/dev/null
}

ca ca "/O=asyncio4j/CN=asyncio4j test CA"
leaf server localhost "DNS:localhost,IP:127.0.0.1,IP:::1" ca rsa:2048
openssl rsa -in server.key -traditional -out server-rsa.key 2>/dev/null
openssl pkcs8 -topk8 -in server.key -v2 aes-256-cbc -passout pass:secret -out server-encrypted.key
openssl rsa -in server.key -aes256 -traditional -passout pass:secret -out server-legacy-encrypted.key 2>/dev/null
leaf ec-server localhost "DNS:localhost,IP:127.0.0.1,IP:::1" ca ec:<(openssl ecparam -name prime256v1)
mv ec-server.key ec-server-pkcs8.key
openssl ec -in ec-server-pkcs8.key -out ec-server.key 2>/dev/null

# An intermediate CA and a leaf it signs.
openssl req -new -newkey rsa:2048 -nodes -keyout inter.key -out "$work/inter.csr" -subj "/O=asyncio4j/CN=asyncio4j test intermediate" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$work/inter.ext"
openssl x509 -req -in "$work/inter.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial "$work/ca.srl" \
    -days $days -sha256 -extfile "$work/inter.ext" -out inter.pem 2>/dev/null
leaf chained localhost "DNS:localhost,IP:127.0.0.1" inter rsa:2048
cat inter.pem >> chained.pem
rm inter.key

leaf wronghost wrong.example "DNS:wrong.example" ca rsa:2048
leaf client "test client" "" ca rsa:2048 clientAuth

ca other-ca "/O=elsewhere/CN=an untrusted CA"
leaf untrusted localhost "DNS:localhost,IP:127.0.0.1" other-ca rsa:2048
rm other-ca.key

# The expired certificate: `openssl ca` is the tool that sets explicit dates.
mkdir -p "$work/ca/newcerts"
: > "$work/ca/index.txt"
echo 01 > "$work/ca/serial"
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test
[ test ]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = anything
copy_extensions = none
x509_extensions = leaf
[ anything ]
commonName = supplied
[ leaf ]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
CNF
openssl req -new -newkey rsa:2048 -nodes -keyout expired.key -out "$work/expired.csr" -subj "/CN=localhost" 2>/dev/null
openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -in "$work/expired.csr" -out "$work/expired.full" \
    -startdate 20000101000000Z -enddate 20010101000000Z -notext 2>/dev/null
openssl x509 -in "$work/expired.full" -out expired.pem

rm ca.key
echo "made: $(ls *.pem *.key | tr '\n' ' ')"
