package io.ccagent.identity.server;

import io.ccagent.identity.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take the verified {@link Actor} as a parameter. */
final class ActorArgument implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                 NativeWebRequest request, WebDataBinderFactory binders) {
        Actor actor = ActorAuthentication.actorOf(SecurityContextHolder.getContext().getAuthentication());
        if (actor == null) {
            // the filter chain refuses such requests first; reaching here means a path was left open by mistake
            throw new IllegalStateException("no verified caller for " + parameter.getMethod());
        }
        return actor;
    }
}
