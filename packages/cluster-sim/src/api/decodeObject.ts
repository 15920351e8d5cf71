import { KindInfo } from '../kinds/kindTable';
import { KubeObject } from '../store/ObjectStore';
import { applyDefaults } from './defaults';
import { checkMicroTimes } from './microTime';
import { foldStringData } from './secretStringData';

/**
 * Turns a written object into the form the API server stores, as its decoder does for every
 * create, update and patch: the versioned form converted (a Secret's stringData folded into data),
 * then defaults filled. API writes, fixtures, test puts and Velero restores all come through here,
 * so an object reads back the same whichever way it entered. Mutates the object.
 */
export function decodeObject(info: KindInfo, obj: KubeObject): void {
  checkMicroTimes(info, obj);
  if (info.group === '' && info.plural === 'secrets') foldStringData(obj);
  applyDefaults(info, obj);
}
