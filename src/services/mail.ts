/** How the entry points name and build a mailer without reaching into mail/ (LAYERS in eslint.config.js). */
export { consoleMailer, describeSmtp, type Mailer } from '../mail/mailer.js';
