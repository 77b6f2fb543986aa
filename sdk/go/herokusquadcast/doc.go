// Heroku app webhooks wired into Squadcast incidents and Sentry releases: the resources and components of the pulumi-heroku-squadcast npm package, served by its provider plugin to every language.
package herokusquadcast
