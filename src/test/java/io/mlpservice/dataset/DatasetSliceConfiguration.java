package io.mlpservice.dataset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The datasets' endpoints and service, for the web slices of the features that use stored datasets. */
@TestConfiguration(proxyBeanMethods = false)
@Import({DatasetController.class, DatasetService.class})
public class DatasetSliceConfiguration {
}
