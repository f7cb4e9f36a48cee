/** A set of listeners for one kind of event; `on` returns the function that removes the listener. */
export class Listeners<T> {
  private readonly set = new Set<(event: T) => void>();

  on(listener: (event: T) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(event: T): void {
    for (const listener of [...this.set]) listener(event);
  }

  get size(): number {
    return this.set.size;
  }
}
