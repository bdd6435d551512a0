import { startSimulator } from '../../electron/core/api/simulator.ts';

// Runs the simulator in its own process for the send bench, as the real API is another machine:
// the client and the server then do not share one event loop. Prints the base URL, stops on stdin end.
const sim = await startSimulator();
process.stdout.write(`${sim.baseUrl}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
