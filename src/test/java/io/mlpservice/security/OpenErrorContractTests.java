package io.mlpservice.security;

import org.springframework.boot.test.context.SpringBootTest;

/** The error contract on a service with security off, without a key: the answers the secured run must match. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mlp.security.enabled=false", "mlp.storage.dir=", "mlp.limits.max-request-size=64KB"})
class OpenErrorContractTests extends ErrorContractCases {

    @Override
    String key() {
        return null;
    }
}
