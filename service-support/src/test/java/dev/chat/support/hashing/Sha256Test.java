package dev.chat.support.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void aTextsDigestIsTheSha256OfItsUtf8Bytes() {
        // FIPS 180-2's first example, and a text whose UTF-8 differs from Latin-1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HexFormat.of().formatHex(Sha256.of("abc")));
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", HexFormat.of().formatHex(Sha256.of("\u00e9")));
    }
}
