package io.mlpservice.web;

import io.mlpservice.error.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads query parameters and path variables as strictly as JSON bodies. Out of the box Spring
 * reads {@code limit=0x10} as 16, {@code limit=%2016} as 16 and {@code status=QUEUED%20} as
 * QUEUED (its lenient number and enum readers are the fallback even of a strict converter). Here,
 * before the handler runs, an integer parameter must be decimal digits with an optional minus
 * sign and nothing else, an enumerated one one of its names exactly as the API writes them (case
 * counts, no blank is trimmed), and a parameter that takes one value is given once. What does not
 * fit answers 400 naming the parameter, as any value of the wrong type does.
 */
@Configuration(proxyBeanMethods = false)
class StrictParameters implements WebMvcConfigurer {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Check());
    }

    /** The check of every parameter of the handler about to run. */
    private static final class Check implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            @SuppressWarnings("unchecked")
            Map<String, String> variables = (Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
                PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
                if (query != null) {
                    String name = name(query.name(), parameter);
                    String[] values = request.getParameterValues(name);
                    if (values != null) {
                        if (values.length > 1 && !parameter.getParameterType().isArray()) {
                            throw new InvalidInputException(name, name + " is given " + values.length
                                    + " times; give it once");
                        }
                        Arrays.stream(values).forEach(value -> check(value, parameter, name));
                    }
                } else if (path != null && variables != null) {
                    String name = name(path.name(), parameter);
                    String value = variables.get(name);
                    if (value != null) {
                        check(value, parameter, name);
                    }
                }
            }
            return true;
        }

        private static String name(String declared, MethodParameter parameter) {
            return declared.isEmpty() ? parameter.getParameterName() : declared;
        }

        private static void check(String value, MethodParameter parameter, String name) {
            Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
            boolean integer = type == Integer.class || type == int.class || type == Long.class || type == long.class;
            if (integer && !DECIMAL.matcher(value).matches()) {
                throw mismatch(value, parameter, name, "not decimal digits");
            }
            if (type.isEnum() && Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .noneMatch(value::equals)) {
                throw mismatch(value, parameter, name, "not a name of " + type.getSimpleName());
            }
        }

        private static MethodArgumentTypeMismatchException mismatch(String value, MethodParameter parameter,
                String name, String why) {
            return new MethodArgumentTypeMismatchException(value, parameter.getParameterType(), name, parameter,
                    new IllegalArgumentException(why));
        }
    }
}
