export { feedFromAppUpdateYml, updateAvailability, type UpdateAvailability, type UpdateEnvironment, type UpdateFeeds } from './availability';
export {
  createUpdateController,
  type UpdateController,
  type UpdateControllerOptions,
  type UpdaterPort,
  type UpdateTimers,
} from './update-controller';
