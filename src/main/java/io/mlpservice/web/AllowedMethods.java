package io.mlpservice.web;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The methods a path answers, for the {@code Allow} header of a 405: those of the most specific
 * request mappings whose pattern matches it, as the OpenAPI document lists them. Spring MVC's own
 * 405 names the methods of every matching pattern, so that {@code PUT /api/v1/models/import}
 * would offer {@code GET} and {@code DELETE} of {@code /api/v1/models/{id}} beside the
 * {@code POST} of the literal path; a literal segment is more specific than a variable, so here
 * it is {@code POST} alone.
 */
final class AllowedMethods {

    private AllowedMethods() {
    }

    /** The methods of the path's most specific mappings, upper case and sorted; none when no mapping matches. */
    static Set<String> of(ObjectProvider<RequestMappingInfoHandlerMapping> mappings, String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<String> methods = new TreeSet<>();
        PathPattern best = null;
        for (RequestMappingInfoHandlerMapping mapping : mappings.orderedStream().toList()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String value : info.getPatternValues()) {
                    PathPattern pattern = PathPatternParser.defaultInstance.parse(value);
                    if (!pattern.matches(container)) {
                        continue;
                    }
                    int order = best == null ? -1 : PathPattern.SPECIFICITY_COMPARATOR.compare(pattern, best);
                    if (order < 0) {
                        best = pattern;
                        methods.clear();
                    }
                    if (order <= 0) {
                        info.getMethodsCondition().getMethods().stream().map(RequestMethod::name)
                                .forEach(methods::add);
                    }
                }
            }
        }
        return methods;
    }
}
