// A fresh project each run (the clone of this folder survives between builds), and the sample API it ingests from.
new File(basedir, 'orders-connector').deleteDir()
context.put('api', io.connectorkit.it.sample.InvokerHooks.startSampleApi(basedir.toPath()))
return true
