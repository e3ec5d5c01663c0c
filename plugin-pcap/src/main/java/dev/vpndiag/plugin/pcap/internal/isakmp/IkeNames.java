package dev.vpndiag.plugin.pcap.internal.isakmp;

import dev.vpndiag.api.fact.AuthMethod;

/** Names of IKE numbers (RFC 2407/2409, RFC 7296 and the IANA registries). */
final class IkeNames {
    private IkeNames() {
    }

    static String notify(boolean v2, int type) {
        if (v2) {
            return switch (type) {
                case 1 -> "UNSUPPORTED_CRITICAL_PAYLOAD";
                case 4 -> "INVALID_IKE_SPI";
                case 5 -> "INVALID_MAJOR_VERSION";
                case 7 -> "INVALID_SYNTAX";
                case 9 -> "INVALID_MESSAGE_ID";
                case 11 -> "INVALID_SPI";
                case 14 -> "NO_PROPOSAL_CHOSEN";
                case 17 -> "INVALID_KE_PAYLOAD";
                case 24 -> "AUTHENTICATION_FAILED";
                case 34 -> "SINGLE_PAIR_REQUIRED";
                case 35 -> "NO_ADDITIONAL_SAS";
                case 36 -> "INTERNAL_ADDRESS_FAILURE";
                case 37 -> "FAILED_CP_REQUIRED";
                case 38 -> "TS_UNACCEPTABLE";
                case 39 -> "INVALID_SELECTORS";
                case 43 -> "TEMPORARY_FAILURE";
                case 44 -> "CHILD_SA_NOT_FOUND";
                case 16384 -> "INITIAL_CONTACT";
                case 16385 -> "SET_WINDOW_SIZE";
                case 16386 -> "ADDITIONAL_TS_POSSIBLE";
                case 16387 -> "IPCOMP_SUPPORTED";
                case 16388 -> "NAT_DETECTION_SOURCE_IP";
                case 16389 -> "NAT_DETECTION_DESTINATION_IP";
                case 16390 -> "COOKIE";
                case 16391 -> "USE_TRANSPORT_MODE";
                case 16392 -> "HTTP_CERT_LOOKUP_SUPPORTED";
                case 16393 -> "REKEY_SA";
                case 16394 -> "ESP_TFC_PADDING_NOT_SUPPORTED";
                case 16395 -> "NON_FIRST_FRAGMENTS_ALSO";
                case 16396 -> "MOBIKE_SUPPORTED";
                case 16404 -> "MULTIPLE_AUTH_SUPPORTED";
                case 16406 -> "EAP_ONLY_AUTHENTICATION";
                case 16417 -> "SIGNATURE_HASH_ALGORITHMS";
                case 16430 -> "IKEV2_FRAGMENTATION_SUPPORTED";
                default -> type < 16384 ? "ERROR_" + type : "STATUS_" + type;
            };
        }
        return switch (type) {
            case 1 -> "INVALID-PAYLOAD-TYPE";
            case 2 -> "DOI-NOT-SUPPORTED";
            case 3 -> "SITUATION-NOT-SUPPORTED";
            case 4 -> "INVALID-COOKIE";
            case 5 -> "INVALID-MAJOR-VERSION";
            case 6 -> "INVALID-MINOR-VERSION";
            case 7 -> "INVALID-EXCHANGE-TYPE";
            case 8 -> "INVALID-FLAGS";
            case 9 -> "INVALID-MESSAGE-ID";
            case 10 -> "INVALID-PROTOCOL-ID";
            case 11 -> "INVALID-SPI";
            case 12 -> "INVALID-TRANSFORM-ID";
            case 13 -> "ATTRIBUTES-NOT-SUPPORTED";
            case 14 -> "NO-PROPOSAL-CHOSEN";
            case 15 -> "BAD-PROPOSAL-SYNTAX";
            case 16 -> "PAYLOAD-MALFORMED";
            case 17 -> "INVALID-KEY-INFORMATION";
            case 18 -> "INVALID-ID-INFORMATION";
            case 19 -> "INVALID-CERT-ENCODING";
            case 20 -> "INVALID-CERTIFICATE";
            case 21 -> "CERT-TYPE-UNSUPPORTED";
            case 22 -> "INVALID-CERT-AUTHORITY";
            case 23 -> "INVALID-HASH-INFORMATION";
            case 24 -> "AUTHENTICATION-FAILED";
            case 25 -> "INVALID-SIGNATURE";
            case 26 -> "ADDRESS-NOTIFICATION";
            case 27 -> "NOTIFY-SA-LIFETIME";
            case 28 -> "CERTIFICATE-UNAVAILABLE";
            case 29 -> "UNSUPPORTED-EXCHANGE-TYPE";
            case 30 -> "UNEQUAL-PAYLOAD-LENGTHS";
            case 16384 -> "CONNECTED";
            case 24576 -> "RESPONDER-LIFETIME";
            case 24577 -> "REPLAY-STATUS";
            case 24578 -> "INITIAL-CONTACT";
            case 36136 -> "R-U-THERE";
            case 36137 -> "R-U-THERE-ACK";
            default -> type < 16384 ? "ERROR-" + type : "STATUS-" + type;
        };
    }

    static String ikev1Cipher(int id) {
        return switch (id) {
            case 1 -> "DES-CBC";
            case 2 -> "IDEA-CBC";
            case 3 -> "BLOWFISH-CBC";
            case 4 -> "RC5-CBC";
            case 5 -> "3DES-CBC";
            case 6 -> "CAST-CBC";
            case 7 -> "AES-CBC";
            case 8 -> "CAMELLIA-CBC";
            default -> "CIPHER-" + id;
        };
    }

    static String ikev1Hash(int id) {
        return switch (id) {
            case 1 -> "MD5";
            case 2 -> "SHA1";
            case 3 -> "TIGER";
            case 4 -> "SHA2-256";
            case 5 -> "SHA2-384";
            case 6 -> "SHA2-512";
            default -> "HASH-" + id;
        };
    }

    static AuthMethod ikev1Auth(int id) {
        return switch (id) {
            case 1, 65001, 65002 -> AuthMethod.PRE_SHARED_KEY;
            case 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 64221, 64222, 64223, 64224,
                 65003, 65004, 65005, 65006, 65007, 65008, 65009, 65010 -> AuthMethod.CERTIFICATE;
            default -> AuthMethod.UNKNOWN;
        };
    }

    static String group(int id) {
        String name = switch (id) {
            case 1 -> "MODP768";
            case 2 -> "MODP1024";
            case 5 -> "MODP1536";
            case 14 -> "MODP2048";
            case 15 -> "MODP3072";
            case 16 -> "MODP4096";
            case 17 -> "MODP6144";
            case 18 -> "MODP8192";
            case 19 -> "ECP256";
            case 20 -> "ECP384";
            case 21 -> "ECP521";
            case 22 -> "MODP1024S160";
            case 23 -> "MODP2048S224";
            case 24 -> "MODP2048S256";
            case 31 -> "CURVE25519";
            case 32 -> "CURVE448";
            default -> "GROUP";
        };
        return name + " (" + id + ")";
    }

    static String espCipher(int id) {
        return switch (id) {
            case 1 -> "DES-IV64";
            case 2 -> "DES-CBC";
            case 3 -> "3DES-CBC";
            case 11 -> "NULL";
            case 12 -> "AES-CBC";
            case 13 -> "AES-CTR";
            case 14 -> "AES-CCM-8";
            case 15 -> "AES-CCM-12";
            case 16 -> "AES-CCM-16";
            case 18 -> "AES-GCM-8";
            case 19 -> "AES-GCM-12";
            case 20 -> "AES-GCM-16";
            case 23 -> "CAMELLIA-CBC";
            case 28 -> "CHACHA20-POLY1305";
            default -> "CIPHER-" + id;
        };
    }

    static String ikev1EspAuth(int id) {
        return switch (id) {
            case 1 -> "HMAC-MD5";
            case 2 -> "HMAC-SHA1";
            case 5 -> "HMAC-SHA2-256";
            case 6 -> "HMAC-SHA2-384";
            case 7 -> "HMAC-SHA2-512";
            default -> "AUTH-" + id;
        };
    }

    static String ikev2Integrity(int id) {
        return switch (id) {
            case 0 -> "NONE";
            case 1 -> "HMAC-MD5-96";
            case 2 -> "HMAC-SHA1-96";
            case 5 -> "AES-XCBC-96";
            case 12 -> "HMAC-SHA2-256-128";
            case 13 -> "HMAC-SHA2-384-192";
            case 14 -> "HMAC-SHA2-512-256";
            default -> "INTEG-" + id;
        };
    }

    static String encapsulation(int id) {
        return switch (id) {
            case 1 -> "TUNNEL";
            case 2 -> "TRANSPORT";
            case 3, 61443 -> "UDP_TUNNEL";
            case 4, 61444 -> "UDP_TRANSPORT";
            default -> "MODE-" + id;
        };
    }
}
