// The build's staging area, made when a step first needs one (a layer or a config to write, a download): a build
// whose steps all come from the cache never creates, locks and removes one.

import type { Staging } from '../lock/staging.js';

export class StagingOnDemand implements AsyncDisposable {
  private area: Promise<Staging> | null = null;

  constructor(private readonly make: () => Promise<Staging>) {}

  get(): Promise<Staging> {
    return (this.area ??= this.make());
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const area = this.area;
    this.area = null;
    // An area that failed to be made has nothing to release.
    const made = await area?.catch(() => null);
    await made?.[Symbol.asyncDispose]();
  }
}
