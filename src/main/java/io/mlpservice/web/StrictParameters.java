package io.mlpservice.web;

import io.mlpservice.error.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * fit answers 400 naming the parameter, as any value of the wrong type does. What to check is
 * worked out once per handler method, not per request.
 */
@Configuration(proxyBeanMethods = false)
class StrictParameters implements WebMvcConfigurer {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Check());
    }

    /**
     * One parameter to check: where it comes from, whether it takes one value, its name, and the
     * values it may take: decimal digits ({@code decimal}), one of {@code names}, or any (neither).
     */
    private record Rule(boolean query, boolean single, String name, boolean decimal, Set<String> names,
                        MethodParameter parameter) {

        void check(HttpServletRequest request, Map<String, String> variables) {
            if (query) {
                String[] values = request.getParameterValues(name);
                if (values == null) {
                    return;
                }
                if (values.length > 1 && single) {
                    throw new InvalidInputException(name, name + " is given " + values.length + " times; give it once");
                }
                for (String value : values) {
                    checkValue(value);
                }
            } else if (variables != null && variables.get(name) != null) {
                checkValue(variables.get(name));
            }
        }

        private void checkValue(String value) {
            if (decimal && !DECIMAL.matcher(value).matches()) {
                throw mismatch(value, "not decimal digits");
            }
            if (names != null && !names.contains(value)) {
                throw mismatch(value, "not one of " + names);
            }
        }

        private MethodArgumentTypeMismatchException mismatch(String value, String why) {
            return new MethodArgumentTypeMismatchException(value, parameter.getParameterType(), name, parameter,
                    new IllegalArgumentException(why));
        }
    }

    /** The check of every parameter of the handler about to run. */
    private static final class Check implements HandlerInterceptor {

        private final Map<Method, List<Rule>> rules = new ConcurrentHashMap<>();

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            List<Rule> checks = rules.computeIfAbsent(method.getMethod(), m -> rules(method));
            if (!checks.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, String> variables = (Map<String, String>) request.getAttribute(
                        HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                for (Rule rule : checks) {
                    rule.check(request, variables);
                }
            }
            return true;
        }

        /** The integer and enum parameters of a handler, and every query parameter (given once unless an array). */
        private static List<Rule> rules(HandlerMethod method) {
            List<Rule> rules = new ArrayList<>();
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
                PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
                if (query == null && path == null) {
                    continue;
                }
                String name = query != null ? name(query.name(), parameter) : name(path.name(), parameter);
                Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
                boolean integer = type == Integer.class || type == int.class || type == Long.class || type == long.class;
                Set<String> names = type.isEnum() ? Arrays.stream(type.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name()).collect(Collectors.toUnmodifiableSet()) : null;
                if (integer || names != null || query != null) {
                    rules.add(new Rule(query != null, !parameter.getParameterType().isArray(), name, integer, names,
                            parameter));
                }
            }
            return List.copyOf(rules);
        }

        private static String name(String declared, MethodParameter parameter) {
            return declared.isEmpty() ? parameter.getParameterName() : declared;
        }
    }
}
