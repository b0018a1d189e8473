package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Every layout on the class path, loaded once, in the order they are tried. */
public final class Layouts {
    private Layouts() {
    }

    public static List<BounceLayout> load() {
        List<BounceLayout> layouts = new ArrayList<>();
        ServiceLoader.load(BounceLayout.class, BounceLayout.class.getClassLoader()).forEach(layouts::add);
        layouts.sort(Comparator.comparingInt(BounceLayout::order).thenComparing(BounceLayout::name));
        return List.copyOf(layouts);
    }
}
