// Entry point of the bundled `incent` executable.
import { main } from './main';

process.exitCode = main(process.argv.slice(2));
