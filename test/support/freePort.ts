// Test support: a loopback port nothing listens on.
import * as net from "net";

/** A loopback port nothing listens on (taken from the OS, then freed). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
