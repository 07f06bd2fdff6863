package io.mlpservice.security;

/** The error contract on the secured service, every request with a valid (admin) key. */
@SecuredService
class SecuredErrorContractTests extends ErrorContractCases {

    @Override
    String key() {
        return TestKeys.ADMIN;
    }
}
