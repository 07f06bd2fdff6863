package io.mlpservice.config;

import io.mlpservice.store.Storage;
import io.mlpservice.web.IdempotencyFilter;
import io.mlpservice.web.IdempotencyStore;
import io.mlpservice.web.RequestLogFilter;
import io.mlpservice.web.RequestSizeLimitFilter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Registers the request log (with request ids) and the request-size limit in front of every
 * endpoint, and the Idempotency-Key answers behind the key check.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(MlpServiceProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.limits().maxRequestSize().toBytes(), resolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** First of all filters, so that every later log line of a request carries its id. */
    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
        var registration = new FilterRegistrationBean<>(new RequestLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    /** After Spring Security's chain (order -100), so that keys are scoped to the caller and refusals store nothing. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(Storage storage,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        var registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(new IdempotencyStore(storage, Clock.systemUTC()), resolver));
        registration.setOrder(0);
        return registration;
    }
}
