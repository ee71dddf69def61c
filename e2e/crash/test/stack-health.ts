/**
 * Whether the stack is whole: a crash marks it down until the killed process is back. Virtual
 * users wait for it before they retry, as a person would try again a little later.
 */
export class StackHealth {
  private down = 0
  private waiters: Array<() => void> = []
  /** When the stack was last whole again (ms). */
  upSince = Date.now()

  get isUp(): boolean {
    return this.down === 0
  }

  markDown(): void {
    this.down += 1
  }

  markUp(): void {
    this.down -= 1
    if (this.down > 0) return
    this.upSince = Date.now()
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  async whenUp(): Promise<void> {
    if (this.isUp) return
    await new Promise<void>((resolve) => this.waiters.push(resolve))
  }
}
