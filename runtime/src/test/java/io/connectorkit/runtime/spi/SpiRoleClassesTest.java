package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import org.junit.jupiter.api.Test;

/** Which classes a connector description may name for a role, each refusal saying what is wrong with the class. */
class SpiRoleClassesTest {

    private final ClassLoader loader = getClass().getClassLoader();

    /** A tester that fits the role. */
    public static class Fits implements ConnectionTester {
        @Override
        public Response test(Configuration connection, ConnectorContext context) {
            return Response.ok("fits");
        }
    }

    /** Abstract: no instance can be made. */
    public abstract static class Abstract implements ConnectionTester {}

    /** A tester whose only constructor takes an argument. */
    public static class NeedsArgument extends Fits {
        public NeedsArgument(String argument) {}
    }

    /** A tester whose no-argument constructor is not public. */
    public static class HiddenConstructor extends Fits {
        HiddenConstructor() {}
    }

    /** A public constructor on a class that is not public. */
    static class NotPublic extends Fits {
        public NotPublic() {}
    }

    /** A tester whose constructor fails. */
    public static class Failing extends Fits {
        public Failing() {
            throw new IllegalStateException("no config");
        }
    }

    private String problem(Class<?> type) {
        return SpiRole.CONNECTION_TESTER.problem(type.getName(), loader).orElse(null);
    }

    @Test
    void aPublicConcreteClassWithAPublicNoArgumentConstructorFits() {
        assertThat(SpiRole.CONNECTION_TESTER.problem(Fits.class.getName(), loader))
                .isEmpty();
        assertThat(SpiRole.CONNECTION_TESTER.instantiate(Fits.class.getName(), loader))
                .isInstanceOf(Fits.class);
        assertThat(SpiRole.CONNECTION_TESTER.contract()).isEqualTo(ConnectionTester.class);
        assertThat(SpiRole.FINALIZE_VALIDATOR.contract()).isEqualTo(StepValidator.class);
        assertThat(SpiRole.CONNECTION_TESTER.key()).isEqualTo("connectionTester");
    }

    @Test
    void eachUnfitClassIsRefusedSayingWhy() {
        assertThat(problem(Abstract.class))
                .isEqualTo("the class " + Abstract.class.getName() + " is abstract; name a" + " concrete class");
        assertThat(problem(ConnectionTester.class))
                .isEqualTo("the class " + ConnectionTester.class.getName() + " is abstract; name a concrete class");
        assertThat(problem(NeedsArgument.class))
                .isEqualTo(
                        "the class " + NeedsArgument.class.getName() + " has no" + " public no-argument constructor");
        assertThat(problem(HiddenConstructor.class))
                .isEqualTo("the class " + HiddenConstructor.class.getName() + " has no public no-argument constructor");
        assertThat(problem(NotPublic.class))
                .isEqualTo("the class " + NotPublic.class.getName() + " must be public"
                        + " with a public no-argument constructor");
        assertThat(problem(String.class))
                .isEqualTo("the class java.lang.String does not implement " + ConnectionTester.class.getName());
        assertThat(SpiRole.CONNECTION_TESTER.problem("com.example.Missing", loader))
                .hasValue("the class com.example.Missing is not on the class path");
    }

    @Test
    void instantiatingAnUnfitOrFailingClassNamesTheRole() {
        assertThatThrownBy(() -> SpiRole.CONNECTION_TESTER.instantiate(Abstract.class.getName(), loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The connector's connectionTester cannot be used: the class " + Abstract.class.getName()
                        + " is abstract; name a concrete class");
        assertThatThrownBy(() -> SpiRole.CONNECTION_TESTER.instantiate(Failing.class.getName(), loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "The connector's connectionTester " + Failing.class.getName() + " could not be" + " created: ");
        assertThat(SpiRole.ofKey("ConnectionTester")).isEmpty();
    }
}
