// Batch-mode generation (-DinteractiveMode=false) ignores archetype-metadata.xml's validationRegex, so the same rules
// are checked here; a bad value removes the half-made project and fails with one message naming every problem.
def rules = [
    appName       : [~/^[a-z][a-z0-9_]{0,63}$/,
                     'the Snowflake app name: a lower-case letter, then up to 63 lower-case letters, digits or _ (e.g. -DappName=orders_connector)'],
    'package'     : [~/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/,
                     'a Java package: lower-case dot-separated names (e.g. -Dpackage=com.example.orders)'],
    apiHost       : [~/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$/,
                     'the API host the app may reach: a host name with an optional port, no scheme or path (e.g. -DapiHost=api.example.com)'],
    connectorLabel: [~/^[^\r\n"\\<>&]{1,100}$/,
                     'the label shown to the consumer: up to 100 characters on one line, without " \\ < > or &'],
]
def properties = request.properties
def project = new File(request.outputDirectory, request.artifactId)
def problems = rules.findAll { key, rule -> !(properties.getProperty(key) ==~ rule[0]) }
        .collect { key, rule -> "-D${key}='${properties.getProperty(key)}' is not ${rule[1]}" }
if (problems) {
    project.deleteDir()
    throw new IllegalArgumentException('Cannot generate the connector project: ' + problems.join('; '))
}
// The archetype's jar keeps no file modes, and the README's first command is ./mvnw.
def wrapper = new File(project, 'mvnw')
if (!wrapper.setExecutable(true, false)) {
    throw new IllegalStateException("Cannot make ${wrapper} executable: run chmod +x mvnw in the generated project")
}
