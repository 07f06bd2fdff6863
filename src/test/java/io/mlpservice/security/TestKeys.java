package io.mlpservice.security;

/**
 * The API keys of the secured test service and their SHA-256 hashes as configured
 * ({@code printf %s KEY | sha256sum}). Two trainer keys are valid at once, as during a rotation.
 */
final class TestKeys {

    static final String PREDICTOR = "predictor-key-4f1c9a";
    static final String TRAINER = "trainer-key-8b27e0";
    static final String TRAINER_NEXT = "trainer-key-next-31d5";
    static final String ADMIN = "admin-key-c06e72";
    static final String UNKNOWN = "not-a-configured-key";

    static final String PREDICTOR_SHA256 = "17f7e6fb50806e20a1dc3de833c3fb2c61e045a38277ca93bca9ae2b60059c23";
    static final String TRAINER_SHA256 = "d61779c5bf8ecc4ed6aa63086c546a4119072abe8812b80fef1d0d8bc51de757";
    static final String TRAINER_NEXT_SHA256 = "f179f205496b3b8f93faac24f5ec2f772aaa470e5ee25cab8e6d1519d1dc2762";
    static final String ADMIN_SHA256 = "7ebb98ff6854f48c656f2a4592080ebeda779f14958eb3a098d4407a0ee87c79";

    static final String ALLOWED_ORIGIN = "https://dashboard.example";

    private TestKeys() {
    }
}
