package io.connectorkit.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages connector code uses must speak JDK and kit types only: Jackson is shaded into the runtime jar, so a
 * connector that saw an {@code ObjectNode} would be bound to the runtime's private copy of it.
 */
class PublicApiTest {

    /** The packages a connector author imports; the README and the javadoc jar document exactly these. */
    static final List<String> PUBLIC_PACKAGES = List.of(
            "io.connectorkit.runtime",
            "io.connectorkit.runtime.spi",
            "io.connectorkit.runtime.config",
            "io.connectorkit.runtime.json",
            "io.connectorkit.runtime.sql",
            "io.connectorkit.runtime.resources",
            "io.connectorkit.runtime.status",
            "io.connectorkit.runtime.embedded");

    @Test
    void noPublicSignatureOfThePublicPackagesNamesAJacksonOrInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicClasses()) {
            leaks.addAll(leaksOf(type));
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theCheckFindsALeakWhereThereIsOne() {
        // The runtime's internal tree codec speaks Jackson on purpose; the check must see that.
        assertThat(leaksOf(JsonTree.class))
                .anySatisfy(
                        leak -> assertThat(leak).contains("parse").contains("com.fasterxml.jackson.databind.JsonNode"));
    }

    private static List<String> leaksOf(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        {
            for (Method method : type.getDeclaredMethods()) {
                if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
                    check(type, method.toGenericString(), signatureTypes(method), leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (isVisible(constructor.getModifiers())) {
                    check(type, constructor.toGenericString(), signatureTypes(constructor), leaks);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (isVisible(field.getModifiers())) {
                    check(type, field.toGenericString(), List.of(field.getGenericType()), leaks);
                }
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    check(type, "component " + component.getName(), List.of(component.getGenericType()), leaks);
                }
            }
            List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
            if (type.getGenericSuperclass() != null) {
                supertypes.add(type.getGenericSuperclass());
            }
            check(type, "supertypes", supertypes, leaks);
        }
        return leaks;
    }

    @Test
    void theCheckSeesTheClassesItMustCheck() throws Exception {
        // Guards the test above against scanning nothing: these are the types a connector author starts from.
        assertThat(publicClasses())
                .extracting(Class::getName)
                .contains(
                        "io.connectorkit.runtime.config.Configuration",
                        "io.connectorkit.runtime.config.ConfigurationSchema$Validation",
                        "io.connectorkit.runtime.json.Json",
                        "io.connectorkit.runtime.spi.ConnectorDefinition",
                        "io.connectorkit.runtime.Response");
    }

    private static void check(Class<?> owner, String member, List<Type> types, List<String> leaks) {
        for (Type type : types) {
            for (String name : rawNames(type)) {
                if (name.startsWith("com.fasterxml.") || name.startsWith("io.connectorkit.runtime.internal.")) {
                    leaks.add(owner.getName() + ": " + member + " names " + name);
                }
            }
        }
    }

    private static List<Type> signatureTypes(Executable executable) {
        List<Type> types = new ArrayList<>(List.of(executable.getGenericParameterTypes()));
        types.addAll(List.of(executable.getGenericExceptionTypes()));
        if (executable instanceof Method method) {
            types.add(method.getGenericReturnType());
        }
        return types;
    }

    private static List<String> rawNames(Type type) {
        List<String> names = new ArrayList<>();
        if (type instanceof Class<?> raw) {
            Class<?> component = raw;
            while (component.isArray()) {
                component = component.getComponentType();
            }
            names.add(component.getName());
        } else if (type instanceof ParameterizedType parameterized) {
            names.addAll(rawNames(parameterized.getRawType()));
            for (Type argument : parameterized.getActualTypeArguments()) {
                names.addAll(rawNames(argument));
            }
        } else if (type instanceof WildcardType wildcard) {
            Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds()))
                    .forEach(bound -> names.addAll(rawNames(bound)));
        } else if (type instanceof GenericArrayType array) {
            names.addAll(rawNames(array.getGenericComponentType()));
        }
        return names;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Response.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> found = new ArrayList<>();
        for (String packageName : PUBLIC_PACKAGES) {
            Path directory = classes.resolve(packageName.replace('.', '/'));
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class"))
                        .sorted()
                        .toList()) {
                    String simple = file.getFileName().toString().replace(".class", "");
                    Class<?> type =
                            Class.forName(packageName + "." + simple, false, PublicApiTest.class.getClassLoader());
                    if (isExported(type)) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }

    /** Public, and (for a nested type) every enclosing type public too. */
    private static boolean isExported(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass() || current.isSynthetic()) {
                return false;
            }
        }
        return true;
    }
}
