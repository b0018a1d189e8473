package org.bounceclassifier.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Notes each rule that fires in one classification, once, in the order they first fire (all
 * phases). One stays attached to each kept session and is cleared when the session is given back,
 * so a classification does not add and remove a listener.
 */
final class FiredRules extends DefaultAgendaEventListener {
    private final Set<String> names = new LinkedHashSet<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        names.add(event.getMatch().getRule().getName());
    }

    List<String> names() {
        return List.copyOf(names);
    }

    void clear() {
        names.clear();
    }
}
