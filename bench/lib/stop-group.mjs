// Stopping a benchmark's detached child (its own process group): SIGTERM to the group, SIGKILL
// after `graceMs`; resolves when the child has exited.

const signalGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal)
  } catch {
    /* already gone */
  }
}

export async function stopProcessGroup(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const done = new Promise((resolve) => child.once('exit', resolve))
  signalGroup(child.pid, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs)
  await done
  clearTimeout(timer)
}
