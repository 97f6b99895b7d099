// A fresh demo project each run, and the sample API it ingests from.
new File(basedir, 'demo-connector').deleteDir()
context.put('api', io.connectorkit.it.sample.InvokerHooks.startSampleApi(basedir.toPath()))
return true
