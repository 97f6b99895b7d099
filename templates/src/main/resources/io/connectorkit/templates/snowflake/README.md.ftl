<#include "../common/readme-body.md.ftl">

## Installing

This folder is the app: `setup.sql`, `manifest.yml`, this README and the jars in `lib/`. Upload it to the stage of an
application package and create the app from it, or run `snow app run` in the folder above, which holds
`snowflake.yml`.
